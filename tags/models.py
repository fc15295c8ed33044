"""Tags shared by events, quotes, visits, people and organisations.

- Two names are one tag when their `tag_key` is equal ("Kunming", " KUNMING "):
  every way a tag is made ends in `Tag.save()` or `_NormalisingTaggableManager`,
  which both apply it.
- A tag has a name per language (`name_en`, `name_ru`, `name_zh_hans`), each
  normalised; its `key` is that of the name an English reader is shown
  (`tag_name_for_key`: English, else the first language with a name).
- A new tag's name must pass `check_tag_name`; `Tag.save()` refuses it otherwise.
- The key is stored, not a functional index: SQLite's LOWER() folds ASCII only,
  and TAGGIT_CASE_INSENSITIVE misses two new variants in one save (taggit #460).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, router, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from taggit import forms as taggit_forms
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import ItemBase, TagBase

from secretariat.languages import CODES, TranslatedRecord, reading_order, text_in
from secretariat.slugs import latin_slug, title_for_slug
from secretariat.validators import PlainTextFields, refuse_control_characters


def normalise_tag_name(name):
    """Return the name as it is stored: Unicode NFC, trimmed, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def check_tag_name(name):
    """Raise ValidationError unless `name` (normalised) has a letter or digit, in any script.

    Punctuation or emoji alone would give no slug, so no page, and no search key.
    """
    refuse_control_characters(name)
    if not any(unicodedata.category(character)[0] in "LN" for character in name):
        raise ValidationError(
            _("“%(name)s” cannot be a tag: a tag needs at least one letter or digit."),
            code="no_letter_or_digit",
            params={"name": name},
        )


def tag_key(name):
    """Return the identity of a tag name: normalised and case-folded."""
    return normalise_tag_name(name).casefold()


def tag_name_for_key(tag, names=None):
    """The name `tag`'s `key` is made from: the one read in English (`reading_order`).

    `names`, {language: name}, stands for the tag's own columns (a form's input).
    """
    names = names if names is not None else {code: text_in(tag, "name", code) for code in CODES}
    for code in reading_order(tag, "en"):
        if names.get(code):
            return names[code]
    return ""


def parse_tags(text):
    """Split the admin's tag field into names: commas separate tags, spaces do not.

    Sorted; quotes around a name dropped; variants (by `tag_key`) kept once.
    """
    names = {}
    for part in (text or "").split(","):
        name = normalise_tag_name(part.strip().strip('"'))
        if name:
            names.setdefault(tag_key(name), name)
    return sorted(names.values(), key=str.casefold)


def join_tags(tags):
    """The admin's tag field for `tags`: names joined by commas, the inverse of `parse_tags`."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))


class Tag(TranslatedRecord, PlainTextFields, TagBase):
    translation_required = ("name",)

    key = models.CharField(
        _("key"),
        max_length=255,
        unique=True,
        editable=False,
        help_text=_("The case-folded name; two tags may not share it."),
    )

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        # Column by column: `self.name = …` would write the active language's column.
        for code in CODES:
            column = build_localized_fieldname("name", code)
            # NULL, not "", for no name: each language's name is unique.
            name = normalise_tag_name(getattr(self, column) or "") or None
            setattr(self, column, name)
            if name and self._state.adding:
                check_tag_name(name)
        self.key = tag_key(tag_name_for_key(self))
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        """taggit's slug for a new tag: Latin, from its name (`secretariat.slugs`)."""
        slug = latin_slug(title_for_slug(self, "name") or tag) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("tags:detail", kwargs={"slug": self.slug})


class _NormalisingTaggableManager(_TaggableManager):
    """taggit's related manager, resolving names through `tag_key`."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        tag_model = self.through.tag_model()
        db = router.db_for_write(self.through, instance=self.instance)
        manager = tag_model._default_manager.using(db)

        names = {}
        for tag in tags:
            if isinstance(tag, str) and normalise_tag_name(tag):
                names.setdefault(tag_key(tag), normalise_tag_name(tag))
        existing = {t.key: t for t in manager.filter(key__in=names, **tag_kwargs)}

        result, seen = [], set()
        for tag in tags:
            if isinstance(tag, str):
                key = tag_key(tag)
                if not key:
                    continue
                if key not in existing:
                    existing[key] = _get_or_create_tag(manager, key, names[key], tag_kwargs)
                tag = existing[key]
            elif not isinstance(tag, tag_model):
                raise ValueError(f"Cannot add {tag!r} ({type(tag)}); expected {tag_model} or str.")
            if tag.pk not in seen:
                seen.add(tag.pk)
                result.append(tag)
        return result


def _get_or_create_tag(manager, key, name, tag_kwargs):
    try:
        with transaction.atomic(using=manager.db):
            return manager.create(name=name, **tag_kwargs)
    except IntegrityError:
        # Another request created it between our lookup and our insert.
        return manager.get(key=key, **tag_kwargs)


class TagFormField(taggit_forms.TagField):
    """The admin's tag field: each name checked by `check_tag_name`; changed only when the set is.

    Compared by `tag_key`: taggit's own comparison reported untouched tags as changed.
    """

    def clean(self, value):
        names = super().clean(value)
        errors = []
        for name in names:
            try:
                check_tag_name(name)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return names

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            names = self.clean(data)
        except ValidationError:
            return True
        return {tag_key(name) for name in names} != {tag.key for tag in initial or []}


class TagField(TaggableManager):
    """A TaggableManager for this site's Tag model and normalisation rule."""

    def __init__(self, *, through, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "help_text",
            _(
                "Comma-separated, e.g. “youth, vocational education, 5G”. "
                "Case and extra spaces are ignored: “Kunming” and “kunming” are one tag."
            ),
        )
        super().__init__(through=through, manager=_NormalisingTaggableManager, **kwargs)

    def formfield(self, form_class=TagFormField, **kwargs):
        # Imported here: the admin's widgets are not needed to load the models.
        from tags.widgets import TagAutocompleteWidget

        kwargs.setdefault("widget", TagAutocompleteWidget(self))
        return super().formfield(form_class=form_class, **kwargs)


class TaggedItem(ItemBase):
    """Abstract base for the per-model tag links: plain joins with real foreign keys."""

    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.content_object} — {self.tag}"

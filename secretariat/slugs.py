"""Latin slugs made from a record's title, the one rule for every address.

A slug is Latin, lower-case, words joined by hyphens, at most `MAX_LENGTH`
characters, cut at a word: Cyrillic is transliterated (unidecode), Chinese
written in pinyin (pypinyin's `lazy_pinyin`, one word per syllable). It is made
from the title in the record's original language, else in the first language
with text (`secretariat.languages.reading_order`). `unique_slug` adds -2, -3…
when another record of the model has it. A slug typed in another script is
converted by the same rule, never refused (`LatinSlugged`). Stored Unicode
slugs are not rewritten: the URL converter still accepts them, and when an
editor changes one, the slug history redirects the old address.
"""

import re

from django.db import models
from pypinyin import lazy_pinyin
from unidecode import unidecode

from secretariat.languages import original_language, reading_order, text_in

MAX_LENGTH = 80

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def latin_slug(text, max_length=MAX_LENGTH):
    """`text` as a Latin slug: "Заседание СМИД" → "zasedanie-smid", "上海" → "shang-hai"."""
    # Pinyin first, syllable by syllable: unidecode would run Chinese words together.
    spaced = _HAN.sub(lambda match: " " + " ".join(lazy_pinyin(match[0])) + " ", text)
    # unidecode writes the soft and hard signs as apostrophes: "obrazovanie", not "obrazovani-e".
    slug = _NOT_SLUG.sub("-", unidecode(spaced).replace("'", "").lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def title_for_slug(instance, field):
    """The text `instance`'s slug is made from: `field` in its original language, else any."""
    first = original_language(instance)
    for code in reading_order(instance, first) if first else reading_order(instance, "en"):
        if text := text_in(instance, field, code):
            return text
    return ""


def unique_slug(model, text, max_length=MAX_LENGTH, exclude_pk=None, field="slug"):
    """`latin_slug(text)`, with -2, -3… added when another `model` record already has it."""
    base = latin_slug(text, max_length) or model._meta.model_name
    taken = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    slug, number = base, 1
    while taken.filter(**{field: slug}).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


def is_latin(slug):
    """Whether `slug` is already as `latin_slug` would write it."""
    return bool(slug) and latin_slug(slug, max_length=len(slug)) == slug


class LatinSlugged(models.Model):
    """A model mixin: a blank slug is made from `slug_source`; a typed one is made Latin.

    On save, a blank slug becomes `unique_slug` of the title (`title_for_slug`).
    In `clean_fields()`, as a form validates, a slug typed in another script, or with
    capitals or punctuation, is converted by the same rule — unless it is the
    record's stored slug: an old Unicode address stays until it is changed.
    """

    slug_source = "title"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            title = title_for_slug(self, self.slug_source)
            self.slug = unique_slug(type(self), title, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Before the field's own validation, which would refuse what it can convert.
        if self.slug and not is_latin(self.slug) and self.slug != self._stored_slug():
            self.slug = unique_slug(type(self), self.slug, exclude_pk=self.pk)
        super().clean_fields(exclude)

    def _stored_slug(self):
        if self.pk is None:
            return None
        return type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True).first()

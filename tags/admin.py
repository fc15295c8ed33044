from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname
from taggit.models import Tag as TaggitTag

from search.backends import backend
from search.models import Document
from secretariat.admin import NoLostUpdateAdmin, NoLostUpdateForm, TranslatedAdmin
from secretariat.admin_languages import MissingLanguageFilter
from secretariat.languages import CODES
from tags.models import Tag, check_tag_name, normalise_tag_name, tag_name_for_key
from tags.selectors import with_use_counts
from tags.services import check_name_is_free, merge_tags, tag_links

# taggit registers its own Tag model, which this site does not use.
admin.site.unregister(TaggitTag)


class TagListFilter(admin.SimpleListFilter):
    """Filter a tagged model's change list by one of the tags it uses."""

    title = _("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        through = model_admin.model.tags.through
        tags = Tag.objects.filter(pk__in=through.objects.values("tag_id")).order_by("name")
        return [(tag.slug, tag.name) for tag in tags]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class TagsColumnMixin:
    """A "tags" column that costs one query for the whole page."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("tags"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())


class SearchByNameMixin:
    """The admin's search (and autocomplete) also finds records by name as the site's search does.

    `search_fields`' substring matches, and the records of `search_kind` whose
    names match the term (`SearchBackend.named`: any script, mistyped words):
    "Vladimor", "Норов" find Vladimir Norov. One query; on SQLite one more.
    """

    search_kind = None  # a `Document.Kind`

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, may_have_duplicates
        named = backend().named(queryset, self.search_kind, search_term)
        # Subqueries, not joins: no row twice.
        either = Q(pk__in=found.values("pk")) | Q(pk__in=named.values("pk"))
        return queryset.filter(either), False


def _count_name(model):
    """The annotation on a tag counting its uses by `model`: "event_count"."""
    return f"{model._meta.model_name}_count"


def uses_summary(counts):
    """ "events: 3, quotes: 1, …" for {tagged model: count}, in `tag_links()`'s order."""
    return ", ".join(
        _("%(kind)s: %(count)d") % {"kind": model._meta.verbose_name_plural, "count": counts[model]}
        for model in tag_links()
    )


def _count_column(model):
    name = _count_name(model)

    @admin.display(description=model._meta.verbose_name_plural, ordering=name)
    def column(self, tag):
        return getattr(tag, name)

    return column


class TagAdminForm(NoLostUpdateForm):
    """A tag's name in each language, each normalised and checked (`check_tag_name`).

    The name read in English (`tag_name_for_key`) makes the tag's key: another
    tag with that key is refused here, on that language's input, with a hint to
    merge, else the database refuses it with an IntegrityError.
    """

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in CODES:
            column = build_localized_fieldname("name", code)
            if column in self.fields:
                setattr(self, f"clean_{column}", partial(self._clean_name, column))

    def _clean_name(self, column):
        name = normalise_tag_name(self.cleaned_data.get(column) or "")
        if not name:
            # NULL, not "": each language's name is unique, and no name is not a name.
            return None
        check_tag_name(name)
        return name

    def clean(self):
        cleaned_data = super().clean()
        names = {}
        for code in CODES:
            column = build_localized_fieldname("name", code)
            if column not in self.fields:
                continue
            if column not in cleaned_data:
                return cleaned_data  # refused by its own check
            names[code] = cleaned_data[column]
        name = tag_name_for_key(self.instance, names)
        if name:
            code = next(code for code, value in names.items() if value == name)
            try:
                check_name_is_free(name, self.instance if self.instance.pk else None)
            except ValidationError as error:
                self.add_error(build_localized_fieldname("name", code), error)
        return cleaned_data


class MergeTagsForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label=_("Tag to keep"),
        error_messages={"required": _("Choose the tag to keep.")},
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = tags
        self.fields["keep"].label_from_instance = lambda tag: (
            f"{tag.name} ({tag.slug}): "
            + uses_summary({model: getattr(tag, _count_name(model)) for model in tag_links()})
        )


@admin.register(Tag)
class TagAdmin(NoLostUpdateAdmin, SearchByNameMixin, TranslatedAdmin):
    form = TagAdminForm
    search_kind = Document.Kind.TAG
    # One column per tagged model, counting its uses (added below the class).
    list_display = ["name", "slug", *map(_count_name, tag_links())]
    list_filter = [MissingLanguageFilter]
    search_fields = ["name", "slug"]
    # Listed: TranslatedAdmin builds the fields from the model, leaving out the version.
    fields = ["name", "slug", "loaded_version"]
    # Filled in from the name on a new tag only: renaming a tag keeps its slug.
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]

    def get_queryset(self, request):
        """Every tag with its uses of each kind, drafts included, in the same query."""
        uses = {_count_name(model): link.objects.all() for model, link in tag_links().items()}
        return with_use_counts(super().get_queryset(request), uses)

    def has_merge_permission(self, request):
        # Both (an action's `permissions` list asks for any one): a merge changes
        # the kept tag and deletes the others.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=_("Merge selected tags into…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        """Ask which of the selected tags to keep, then merge the others into it."""
        tags = list(queryset)
        if len(tags) < 2:
            self.message_user(request, _("Select two or more tags to merge."), messages.WARNING)
            return None
        form = MergeTagsForm(request.POST if "merge" in request.POST else None, tags=queryset)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            others = [tag for tag in tags if tag.pk != keep.pk]
            with transaction.atomic():
                self.log_deletions(request, others)
                result = merge_tags(keep, others)
                self.log_change(
                    request,
                    keep,
                    _("Merged into this tag: %(names)s.") % {"names": ", ".join(result.merged)},
                )
            self.message_user(request, merge_message(result), messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/tags/tag/merge_tags.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge tags"),
                "opts": self.model._meta,
                "tags": tags,
                "others_count": len(tags) - 1,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media + form.media,
            },
        )


for _model in tag_links():
    setattr(TagAdmin, _count_name(_model), _count_column(_model))


def merge_message(result):
    moved, dropped = sum(result.moved.values()), sum(result.dropped.values())
    message = ngettext(
        "Merged %(count)d tag (%(names)s) into “%(kept)s”: %(moved)s moved (%(uses)s).",
        "Merged %(count)d tags (%(names)s) into “%(kept)s”: %(moved)s moved (%(uses)s).",
        len(result.merged),
    ) % {
        "count": len(result.merged),
        "names": ", ".join(f"“{name}”" for name in result.merged),
        "kept": result.kept.name,
        "moved": ngettext("%(count)d use", "%(count)d uses", moved) % {"count": moved},
        "uses": uses_summary(result.moved),
    }
    if dropped:
        message += " " + ngettext(
            "%(count)d duplicate removed: its object would have carried “%(kept)s” twice.",
            "%(count)d duplicates removed: their objects would have carried “%(kept)s” twice.",
            dropped,
        ) % {"count": dropped, "kept": result.kept.name}
    return message

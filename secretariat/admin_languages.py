"""The admin's language tools: records missing a language, search in every language.

Which fields are translated and which a record cannot be without come from the
models (`translated_fields`, `translation_required`); nothing here lists them.
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from secretariat.languages import CODES, language_name, translated_fields

# Django's search prefixes: "^title" (starts with), "=slug" (exact), "@body" (full text).
_SEARCH_PREFIXES = "^=@"


class MissingLanguageFilter(admin.SimpleListFilter):
    """The records whose required text (`translation_required`: title, name…) lacks a language.

    Choosing Russian lists the records with any required field empty or NULL in
    its Russian column. For any model with `translation_required`.
    """

    title = _("missing in")
    parameter_name = "missing_in"

    def lookups(self, request, model_admin):
        return [(code, language_name(code)) for code in CODES]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in CODES:
            return queryset
        missing = Q()
        for field in getattr(queryset.model, "translation_required", ()):
            column = build_localized_fieldname(field, code)
            missing |= Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
        return queryset.filter(missing) if missing else queryset


def in_every_language(model, search_fields):
    """`search_fields` with each translated field replaced by its column in every language.

    "title" → "title_en", "title_ru", "title_zh_hans"; through relations too:
    "event__title" → "event__title_en", …; a prefix ("^", "=", "@") and a
    lookup ("title__iexact") are kept. Other fields are returned as they are,
    in the same order, each once.
    """
    expanded = []
    for search_field in search_fields:
        for name in _columns(model, search_field):
            if name not in expanded:
                expanded.append(name)
    return expanded


def _columns(model, search_field):
    """What `search_field` stands for: a field per language when it ends at a translated one."""
    prefix = search_field[0] if search_field[:1] in tuple(_SEARCH_PREFIXES) else ""
    parts = search_field.removeprefix(prefix).split("__")
    current = model
    for index, part in enumerate(parts):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return [search_field]  # a lookup, or a name Django's checks will report
        if part in translated_fields(current):
            path, lookups = parts[:index], parts[index + 1 :]
            return [
                prefix + "__".join([*path, build_localized_fieldname(part, code), *lookups])
                for code in CODES
            ]
        if not field.is_relation:
            return [search_field]
        current = field.related_model
    return [search_field]


class SearchInEveryLanguage:
    """A ModelAdmin mixin: its search (and autocomplete) looks in every language's column."""

    def get_search_fields(self, request):
        return in_every_language(self.model, super().get_search_fields(request))

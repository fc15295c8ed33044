from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from audit.admin import RevisionAdmin
from people.forms import OrganisationForm, PersonForm
from people.models import Organisation, OrganisationName, Person, PersonName, Position
from search.models import Document
from secretariat.admin import NoLostUpdateAdmin, TranslatedAdmin, TranslatedTabularInline
from secretariat.admin_languages import MissingLanguageFilter
from tags.admin import SearchByNameMixin, TagListFilter, TagsColumnMixin


class PositionInline(TranslatedTabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["title", "organisation", "start_date", "end_date", "public_note", "editorial_note"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}
    }


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0
    fields = ["name", "language"]


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    extra = 0
    fields = ["name", "language"]


@admin.register(Person)
class PersonAdmin(
    NoLostUpdateAdmin, SearchByNameMixin, TagsColumnMixin, TranslatedAdmin, RevisionAdmin
):
    form = PersonForm
    search_kind = Document.Kind.PERSON
    list_display = ["name", "honorific", "country", "current_position", "tag_list"]
    list_filter = [("country", CountryFilter), TagListFilter, MissingLanguageFilter]
    search_fields = ["name", "slug", "alternative_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        ("honorific", "name"),
        "not_duplicate",
        "slug",
        "country",
        "bio",
        ("portrait", "portrait_alt"),
        "tags",
        ("public_note", "editorial_note"),
        ("created_at", "updated_at"),
        "loaded_version",
    ]
    inlines = [PersonNameInline, PositionInline]

    def get_queryset(self, request):
        current = Position.objects.current().select_related("organisation")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("positions", queryset=current, to_attr="current_positions"))
        )

    @admin.display(description=_("current position"))
    def current_position(self, person):
        return "; ".join(str(position) for position in person.current_positions)


@admin.register(Organisation)
class OrganisationAdmin(
    NoLostUpdateAdmin, SearchByNameMixin, TagsColumnMixin, TranslatedAdmin, RevisionAdmin
):
    form = OrganisationForm
    search_kind = Document.Kind.ORGANISATION
    list_display = ["name", "short_name", "kind", "country", "parent", "tag_list"]
    list_filter = ["kind", ("country", CountryFilter), TagListFilter, MissingLanguageFilter]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug", "alternative_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        "not_duplicate",
        "slug",
        ("short_name", "kind"),
        ("country", "parent"),
        "website",
        "description",
        "tags",
        ("created_at", "updated_at"),
        "loaded_version",
    ]
    inlines = [OrganisationNameInline]

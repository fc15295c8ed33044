"""The people and organisation lists' filters and facets.

People and organisations have no drafts, and no facet counts events: nothing
here needs `published()`.
"""

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from people.models import Organisation, OrganisationName, Person, PersonName, Position
from secretariat.filters import (
    FilterForm,
    MultipleValueField,
    choice_rows,
    country_counts,
    country_facet,
    facet,
    one_per,
    top_facet,
    with_all_tags,
)

NAME_QUERY_MAX_LENGTH = 200


class PersonFilterForm(FilterForm):
    q = forms.CharField(max_length=NAME_QUERY_MAX_LENGTH, required=False)
    organisation = forms.CharField(max_length=200, required=False)
    country = forms.ChoiceField(choices=countries, required=False)
    tag = MultipleValueField()


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(max_length=NAME_QUERY_MAX_LENGTH, required=False)
    kind = forms.ChoiceField(choices=Organisation.Kind.choices, required=False)
    country = forms.ChoiceField(choices=countries, required=False)


def filter_people(people, filters):
    """`people` narrowed by the valid `filters` of a PersonFilterForm; order kept, each once.

    `q`: part of a name or alternative name, case ignored (ASCII only on SQLite).
    """
    if q := filters.get("q"):
        people = people.filter(
            Q(name__icontains=q)
            | Q(pk__in=PersonName.objects.filter(name__icontains=q).values("person"))
        )
    if organisation := filters.get("organisation"):
        people = people.filter(
            pk__in=Position.objects.filter(organisation__slug=organisation).values("person")
        )
    if country := filters.get("country"):
        people = people.filter(country=country)
    if tags := filters.get("tag"):
        people = with_all_tags(people, tags, through=Person.tags.through)
    return people


def filter_organisations(organisations, filters):
    """`organisations` narrowed by the valid `filters` of an OrganisationFilterForm; order kept.

    `q`: part of a name, short name or alternative name, as in `filter_people`.
    """
    if q := filters.get("q"):
        organisations = organisations.filter(
            Q(name__icontains=q)
            | Q(short_name__icontains=q)
            | Q(pk__in=OrganisationName.objects.filter(name__icontains=q).values("organisation"))
        )
    if kind := filters.get("kind"):
        organisations = organisations.filter(kind=kind)
    if country := filters.get("country"):
        organisations = organisations.filter(country=country)
    return organisations


def person_facets(people, filters):
    """The people list's facets, each counted over `people` (already filtered); three queries.

    Organisations (any position held there) and tags: the 15 largest, selected
    first; countries by name.
    """
    positions = one_per(Position.objects.filter(person__in=people), "organisation", "person")
    tags = Person.tags.through.objects.filter(content_object__in=people)
    return [
        top_facet("organisation", _("Organisation"), positions, "organisation", filters),
        country_facet(country_counts(people), filters),
        top_facet("tag", _("Tags"), tags, "tag", filters, multiple=True),
    ]


def organisation_facets(organisations, filters):
    """The organisation list's facets over `organisations` (filtered), in two queries."""
    kinds = dict(organisations.order_by().values_list("kind").annotate(count=Count("pk")))
    return [
        facet("kind", _("Kind"), choice_rows(Organisation.Kind.choices, kinds), filters),
        country_facet(country_counts(organisations), filters),
    ]

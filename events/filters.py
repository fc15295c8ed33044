"""The event list's filters and facets."""

from collections import Counter

from django import forms
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import Event, EventOrganisation, Participation, TaggedEvent
from events.selectors import events_with_organisation, events_with_person, events_with_tags
from secretariat.filters import (
    FilterForm,
    MultipleValueField,
    choice_rows,
    country_facet,
    facet,
    one_per,
    top_facet,
    year_rows,
)


class EventFilterForm(FilterForm):
    tag = MultipleValueField()
    kind = forms.ChoiceField(choices=Event.Kind.choices, required=False)
    year = forms.IntegerField(min_value=1900, max_value=2200, required=False)
    country = forms.ChoiceField(choices=countries, required=False)
    person = forms.CharField(max_length=200, required=False)
    organisation = forms.CharField(max_length=200, required=False)
    when = forms.ChoiceField(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))], required=False
    )


def filter_events(events, filters):
    """`events` narrowed by the valid `filters` of an EventFilterForm."""
    today = timezone.localdate()
    if tags := filters.get("tag"):
        events = events_with_tags(tags, events)
    if kind := filters.get("kind"):
        events = events.filter(kind=kind)
    if year := filters.get("year"):
        events = events.filter(start_date__year=year)
    if country := filters.get("country"):
        events = events.filter(country=country)
    if person := filters.get("person"):
        events = events_with_person(person, events)
    if organisation := filters.get("organisation"):
        events = events_with_organisation(organisation, events)
    if filters.get("when") == "upcoming":
        events = events.filter(end_date__gte=today).order_by("start_date", "pk")
    elif filters.get("when") == "past":
        events = events.filter(end_date__lt=today)
    return events


def event_counts(events):
    """How many of `events` there are by kind, year, country, and upcoming or past; one query.

    {"total": n, "upcoming": n, "past": n, "kind": Counter, "year": Counter,
    "country": Counter} (events with no country are not in the last).
    """
    today = timezone.localdate()
    groups = (
        events.order_by()
        .annotate(
            year=ExtractYear("start_date"),
            upcoming=ExpressionWrapper(Q(end_date__gte=today), output_field=BooleanField()),
        )
        .values_list("kind", "year", "country", "upcoming")
        .annotate(count=Count("pk"))
    )
    counts = {"total": 0, "upcoming": 0, "past": 0}
    counts.update(kind=Counter(), year=Counter(), country=Counter())
    for kind, year, country, upcoming, n in groups:
        counts["total"] += n
        counts["upcoming" if upcoming else "past"] += n
        counts["kind"][kind] += n
        counts["year"][year] += n
        if country:
            counts["country"][country] += n
    return counts


def event_facets(events, filters):
    """(facets, total): the event list's facets, each counted over `events` (already filtered).

    Four queries. Selected values are listed first, never cut off.
    """
    counts = event_counts(events)
    when = EventFilterForm.base_fields["when"].choices
    tags = TaggedEvent.objects.filter(content_object__in=events)
    people = one_per(Participation.objects.filter(event__in=events), "event", "person")
    links = one_per(EventOrganisation.objects.filter(event__in=events), "event", "organisation")
    facets = [
        facet("when", _("When"), choice_rows(when, counts), filters),
        top_facet("tag", _("Tags"), tags, "tag", filters, multiple=True),
        facet("kind", _("Kind"), choice_rows(Event.Kind.choices, counts["kind"]), filters),
        facet("year", _("Year"), year_rows(counts["year"]), filters),
        country_facet(counts["country"], filters),
        top_facet("person", _("People"), people, "person", filters),
        top_facet("organisation", _("Organisations"), links, "organisation", filters),
    ]
    return facets, counts["total"]

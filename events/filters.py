"""The event list's filters and facets."""

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import Event, EventOrganisation, Participation, TaggedEvent
from secretariat.filters import (
    Facet,
    FilterForm,
    MultipleValueField,
    Option,
    country_facet,
    one_per,
    top_values,
    with_all_tags,
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
        events = with_all_tags(events, tags, through=TaggedEvent)
    if kind := filters.get("kind"):
        events = events.filter(kind=kind)
    if year := filters.get("year"):
        events = events.filter(start_date__year=year)
    if country := filters.get("country"):
        events = events.filter(country=country)
    if person := filters.get("person"):
        events = events.filter(
            pk__in=Participation.objects.filter(person__slug=person).values("event")
        )
    if organisation := filters.get("organisation"):
        events = events.filter(
            pk__in=EventOrganisation.objects.filter(organisation__slug=organisation).values("event")
        )
    if filters.get("when") == "upcoming":
        events = events.filter(end_date__gte=today).order_by("start_date", "pk")
    elif filters.get("when") == "past":
        events = events.filter(end_date__lt=today)
    return events


def event_totals(events):
    """{"total", "upcoming", "past"} counts of `events`, in one query."""
    today = timezone.localdate()
    return events.order_by().aggregate(
        total=Count("pk"),
        upcoming=Count("pk", filter=Q(end_date__gte=today)),
        past=Count("pk", filter=Q(end_date__lt=today)),
    )


def event_facets(events, filters, totals):
    """The facets of the event list, each counted over `events` (already filtered).

    Six queries: tags, kinds, years, countries, people, organisations. Selected
    values are listed first, so a selected value is never cut off the list.
    """
    tags = top_values(
        TaggedEvent.objects.filter(content_object__in=events),
        "tag__slug",
        "tag__name",
        filters.get("tag", []),
    )
    kinds = dict(events.order_by().values_list("kind").annotate(count=Count("pk")))
    years = (
        events.order_by()
        .annotate(year=ExtractYear("start_date"))
        .values_list("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    people = top_values(
        one_per(Participation.objects.filter(event__in=events), "event", "person"),
        "person__slug",
        "person__name",
        [filters.get("person")],
    )
    organisations = top_values(
        one_per(EventOrganisation.objects.filter(event__in=events), "event", "organisation"),
        "organisation__slug",
        "organisation__name",
        [filters.get("organisation")],
    )

    def chosen(name, value):
        selected = filters.get(name)
        return value in selected if isinstance(selected, list) else value == selected

    return [
        Facet(
            "when",
            _("When"),
            [
                Option(value, label, totals[value], chosen("when", value))
                for value, label in EventFilterForm.base_fields["when"].choices
                if totals[value]
            ],
        ),
        Facet(
            "tag",
            _("Tags"),
            [Option(slug, name, n, chosen("tag", slug)) for slug, name, n in tags],
            multiple=True,
        ),
        Facet(
            "kind",
            _("Kind"),
            [
                Option(kind, label, kinds[kind], chosen("kind", kind))
                for kind, label in Event.Kind.choices
                if kind in kinds
            ],
        ),
        Facet(
            "year",
            _("Year"),
            [Option(str(year), str(year), n, chosen("year", year)) for year, n in years],
        ),
        country_facet(events, filters.get("country")),
        Facet(
            "person",
            _("People"),
            [Option(slug, name, n, chosen("person", slug)) for slug, name, n in people],
        ),
        Facet(
            "organisation",
            _("Organisations"),
            [
                Option(slug, name, n, chosen("organisation", slug))
                for slug, name, n in organisations
            ],
        ),
    ]

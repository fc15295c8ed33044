"""Reads about people that join several models."""

from django.db.models import F, Func, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from events.models import Event, EventOrganisation, Participation
from people.models import Organisation, Person, Position


def position_on(person, date):
    """Return the Position `person` held on `date`, or None if they held none.

    When positions overlap, the one that began most recently wins (an unknown
    start counts as earliest); ties go to the later-entered record.
    """
    return positions_on([person], date).get(person.pk)


def positions_on(people, date):
    """Return {person pk: Position held on `date`} for `people`, in one query.

    People who held no position that day are absent from the dict. The
    position's organisation is loaded with it.
    """
    person_ids = [p.pk for p in people]
    positions = (
        Position.objects.filter(person_id__in=person_ids)
        .held_on(date)
        .select_related("organisation")
        .order_by(F("start_date").asc(nulls_first=True), "pk")
    )
    # Later rows overwrite earlier ones: the most recently begun position wins.
    return {position.person_id: position for position in positions}


def title_on(person, date):
    """Return the title `person` held on `date` ("Secretary-General"), or "" if none."""
    position = position_on(person, date)
    return position.title if position else ""


# --- Public pages ---------------------------------------------------------------------
#
# Quotes go through events.selectors.public_quotes, imported where used:
# events.selectors imports this module (for positions_on).

EVENTS_SHOWN = 20
QUOTES_SHOWN = 20


def _newest_position_first():
    """Current positions first (no end date), then by end date, latest first; then by start."""
    return (
        F("end_date").desc(nulls_first=True),
        F("start_date").desc(nulls_last=True),
        "-pk",
    )


def _count(queryset):
    """The number of rows of `queryset` as a scalar subquery, for an annotation."""
    return Coalesce(
        Subquery(
            queryset.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _published_events_in(links):
    """Published events named by `links` (Participation or EventOrganisation rows), each once."""
    return Event.objects.published().filter(pk__in=links.values("event"))


def people_with_current_positions(people):
    """`people`, order kept, each with `.current_positions`: positions without an end date.

    Current positions come latest begun first, with their organisation; one
    query for the whole page, whatever its size.
    """
    return people.prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.current()
            .select_related("organisation")
            .order_by(*_newest_position_first()),
            to_attr="current_positions",
        )
    )


def person_page_queryset():
    """People with everything their page shows about themselves, in four queries.

    Each person has `.public_event_count` (published events they took part in)
    and `.public_quote_count` (their statements at published events), tags,
    alternative names, and `.timeline`: every position with its organisation,
    current ones first, then past ones by end date, latest first.
    """
    from events.selectors import public_quotes

    return Person.objects.annotate(
        public_event_count=_count(
            _published_events_in(Participation.objects.filter(person=OuterRef(OuterRef("pk"))))
        ),
        public_quote_count=_count(public_quotes().filter(speaker=OuterRef("pk"))),
    ).prefetch_related(
        "tags",
        "alternative_names",
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("organisation").order_by(
                *_newest_position_first()
            ),
            to_attr="timeline",
        ),
    )


def person_events(person, limit=EVENTS_SHOWN):
    """The latest `limit` published events `person` took part in, newest first, in three queries.

    Each event has its tags and `.roles`: the person's participations there
    (with their session), in editorial order. Empty when there are none.
    """
    return (
        _published_events_in(Participation.objects.filter(person=person))
        .order_by("-start_date", "-pk")
        .prefetch_related(
            "tags",
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(person=person).select_related("session"),
                to_attr="roles",
            ),
        )[:limit]
    )


def person_quotes(person, limit=QUOTES_SHOWN):
    """The latest `limit` statements by `person` at published events, with their event.

    Newest event first; within an event, in the release's order. One query.
    """
    from events.selectors import public_quotes

    return (
        public_quotes()
        .filter(speaker=person)
        .order_by("-event__start_date", "-event_id", "order", "pk")[:limit]
    )


def organisation_page_queryset():
    """Organisations with everything their page shows about themselves, in five queries.

    Each organisation has its parent, `.public_event_count` (published events
    it is linked to, in any role), tags, alternative names, children (by name)
    and `.people`: every position held there with its person, current ones
    first, then past ones by end date, latest first.
    """
    return (
        Organisation.objects.select_related("parent")
        .annotate(
            public_event_count=_count(
                _published_events_in(
                    EventOrganisation.objects.filter(organisation=OuterRef(OuterRef("pk")))
                )
            ),
        )
        .prefetch_related(
            "tags",
            "alternative_names",
            Prefetch("children", queryset=Organisation.objects.order_by("name", "pk")),
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("person").order_by(
                    *_newest_position_first()
                ),
                to_attr="people",
            ),
        )
    )


def organisation_events(organisation, limit=EVENTS_SHOWN):
    """The latest `limit` published events linked to `organisation`, newest first, in three queries.

    Each event has its tags and `.roles`: the organisation's links to it (host,
    organiser, participant…), in editorial order. Empty when there are none.
    """
    return (
        _published_events_in(EventOrganisation.objects.filter(organisation=organisation))
        .order_by("-start_date", "-pk")
        .prefetch_related(
            "tags",
            Prefetch(
                "organisation_links",
                queryset=EventOrganisation.objects.filter(organisation=organisation),
                to_attr="roles",
            ),
        )[:limit]
    )


def split_current(positions):
    """(current, past): `positions` split by whether they have ended, order kept."""
    return (
        [position for position in positions if position.is_current],
        [position for position in positions if not position.is_current],
    )

"""Reads about people and organisations that join several of their models (no events)."""

from django.db.models import F, Prefetch

from people.models import Organisation, Person, Position


def positions_on(people, date):
    """{person pk: Position held on `date`, with its organisation} for `people`, in one query.

    People without one are absent; of overlapping positions, the one
    `PositionQuerySet.shown_first` puts first.
    """
    positions = (
        Position.objects.filter(person_id__in=[p.pk for p in people])
        .held_on(date)
        .select_related("organisation")
        .shown_first()
    )
    held = {}
    for position in positions:
        held.setdefault(position.person_id, position)
    return held


def _newest_position_first():
    """Current positions first (no end date), then by end date, latest first; then by start."""
    return (
        F("end_date").desc(nulls_first=True),
        F("start_date").desc(nulls_last=True),
        "-pk",
    )


def people_with_current_positions(people):
    """`people`, order kept, each with `.current_positions` (no end date), latest begun first.

    With their organisation; one query for the whole page.
    """
    current = Position.objects.current().select_related("organisation")
    return people.prefetch_related(
        Prefetch(
            "positions",
            queryset=current.order_by(*_newest_position_first()),
            to_attr="current_positions",
        )
    )


def person_page_queryset():
    """People with what their page shows about themselves, in four queries.

    Tags, alternative names, and `.timeline`: every position with its
    organisation, current first, then by end date, latest first.
    """
    timeline = Position.objects.select_related("organisation").order_by(*_newest_position_first())
    return Person.objects.prefetch_related(
        "tags",
        "alternative_names",
        Prefetch("positions", queryset=timeline, to_attr="timeline"),
    )


def organisation_page_queryset():
    """Organisations with what their page shows about themselves, in five queries.

    Parent, tags, alternative names, children (by name) and `.people`: every
    position held there with its person, ordered as `.timeline`.
    """
    people = Position.objects.select_related("person").order_by(*_newest_position_first())
    return Organisation.objects.select_related("parent").prefetch_related(
        "tags",
        "alternative_names",
        Prefetch("children", queryset=Organisation.objects.order_by("name", "pk")),
        Prefetch("positions", queryset=people, to_attr="people"),
    )


def split_current(positions):
    """(current, past): `positions` split by whether they have ended, order kept."""
    return (
        [position for position in positions if position.is_current],
        [position for position in positions if not position.is_current],
    )

"""Reads about people that join several models."""

from django.db.models import F

from people.models import Position


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

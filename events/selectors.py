"""Reads about events that join several models."""

from django.db.models import Prefetch

from events.models import Event, EventOrganisation, Participation, Quote, Session
from people.selectors import positions_on


def public_events():
    """Events the public may see, newest first, with their tags loaded."""
    return Event.objects.published().prefetch_related("tags")


def event_detail_queryset(events=None):
    """`events` (default: all) with everything an event page shows, in a fixed number of queries.

    Sessions, participants, organisations, quotes and visits are loaded in their
    editorial order; quotes come with their speaker and tags.
    """
    events = Event.objects.all() if events is None else events
    return events.prefetch_related(
        "tags",
        Prefetch("sessions", queryset=Session.objects.order_by("order", "pk")),
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("person", "session"),
        ),
        Prefetch(
            "organisation_links",
            queryset=EventOrganisation.objects.select_related("organisation"),
        ),
        Prefetch(
            "quotes",
            queryset=Quote.objects.select_related("speaker", "session").prefetch_related("tags"),
        ),
        "visits__tags",
        "images",
    )


def participants_with_titles(event):
    """The event's participations, each with `.position`: the one held on the event's start date.

    `.position` is None for someone who held no recorded position that day.
    Expects `participations` prefetched (see `event_detail_queryset`).
    """
    participations = list(event.participations.all())
    positions = positions_on([p.person for p in participations], event.start_date)
    for participation in participations:
        participation.position = positions.get(participation.person_id)
    return participations

"""Reads about events that join several models."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from events.models import Event, EventOrganisation, Participation, Quote, Session
from people.selectors import positions_on


def public_events():
    """Events the public may see, newest first, with their tags loaded."""
    return Event.objects.published().prefetch_related("tags")


def public_quotes():
    """Quotes from events the public may see, with speaker and event loaded."""
    return Quote.objects.filter(event__in=Event.objects.published()).select_related(
        "speaker", "event"
    )


def event_detail_queryset(events=None):
    """`events` (default: all) with everything an event page shows, in a fixed number of queries.

    Sessions, participants (with their person and session), organisations,
    quotes (with their speaker), visits and images are loaded in editorial order.
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
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        "visits",
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


# How many of the latest events sharing a tag `related_events` ranks: a bound on
# its work whatever the number of events (a common tag is on thousands).
RELATED_CANDIDATES = 100


def related_events(event, limit=5):
    """Published events sharing tags with `event`: most shared tags first, then newest.

    Ranked among the RELATED_CANDIDATES latest published events that share at
    least one tag, so that the cost is bounded: the candidates come from walking
    events newest first (an index) until enough share a tag. Expects
    `event.tags` prefetched; empty when the event has no tags.
    """
    tag_ids = [tag.pk for tag in event.tags.all()]
    if not tag_ids:
        return Event.objects.none()
    links = Event.tags.through.objects.filter(tag__in=tag_ids)
    candidates = (
        Event.objects.published()
        .exclude(pk=event.pk)
        .filter(Exists(links.filter(content_object=OuterRef("pk"))))
        .order_by("-start_date", "-pk")
        .values("pk")[:RELATED_CANDIDATES]
    )
    return (
        Event.objects.filter(pk__in=candidates)
        .annotate(shared_tags=Count("tagged", filter=Q(tagged__tag__in=tag_ids)))
        .order_by("-shared_tags", "-start_date", "-pk")[:limit]
    )


def featured_quote():
    """The most recent direct quotation from a published event, or None."""
    return (
        public_quotes()
        .filter(kind=Quote.Kind.DIRECT)
        .order_by("-event__start_date", "order", "pk")
        .first()
    )

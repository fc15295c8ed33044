"""Which events and statements the feeds and calendars carry: published ones only."""

from events.selectors import public_quotes

# A reader shows what is new; the archive is on the site.
FEED_LENGTH = 50
# Bounds the file as the archive grows; a calendar needs the recent and the coming.
CALENDAR_LENGTH = 500


def latest(events):
    """The `FEED_LENGTH` most recently published of `events`, with their tags: two queries."""
    return events.prefetch_related("tags").order_by("-published_at", "-pk")[:FEED_LENGTH]


def in_calendar(events):
    """The `CALENDAR_LENGTH` latest-starting of `events`, with their tags: two queries."""
    return events.prefetch_related("tags").order_by("-start_date", "-pk")[:CALENDAR_LENGTH]


def latest_statements(person):
    """The `FEED_LENGTH` latest statements of `person` at published events, in two queries.

    Latest published event first, then in the release's order; event and tags loaded.
    """
    return (
        public_quotes()
        .filter(speaker=person)
        .prefetch_related("tags")
        .order_by("-event__published_at", "-event_id", "order", "pk")[:FEED_LENGTH]
    )

"""iCalendar (RFC 5545) files of published events, in the reader's language.

Each event is an all-day entry; DTEND is the day after the last day (exclusive, 3.6.1).
SUMMARY, DESCRIPTION and LOCATION carry the LANGUAGE of their text (3.2.10):
the reader's, or the original's where the reader's is missing. The URLs are
the pages in the reader's language.
"""

import datetime
import uuid
from functools import partial

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from secretariat.http import absolute_url
from secretariat.languages import bcp47, reader_language, shown_language

PRODID = "-//SCO Secretariat//The record//EN"


def event_uid(event):
    """The event's UID, from its primary key: a renamed event stays one entry in a calendar app."""
    return f"event-{event.pk}@{settings.SITE_DOMAIN}"


def location(event):
    """Venue, city and country, those the record has, comma-separated.

    "" when it has none, or when the event met online only: a city recorded for
    it is where it was organised from.
    """
    if not event.meets_in_person:
        return ""
    return ", ".join(part for part in (event.venue, event.city, event.country.name) if part)


def attendance(event):
    """How to take part, when not in person only: "Online (Zoom)"; "" for an in-person event."""
    return event.format_label if event.is_online else ""


def description(event):
    """How to take part (`attendance`), then the summary; "" when the record has neither."""
    return "\n\n".join(part for part in (attendance(event), event.summary) if part)


def _location_language(event):
    """The language of `location(event)`: its venue's, else its city's, else the reader's.

    The country's name is always in the reader's.
    """
    for field in ("venue", "city"):
        if getattr(event, field):
            return shown_language(event, field)
    return reader_language()


def text_languages(event):
    """{property: language code} of the texts of `event`'s VEVENT.

    DESCRIPTION is in its summary's language: how to take part is a few words
    of the interface, the summary the account.
    """
    return {
        "SUMMARY": shown_language(event, "title"),
        "DESCRIPTION": shown_language(event, "summary") if event.summary else reader_language(),
        "LOCATION": _location_language(event),
    }


def calendar_event(event, url):
    """The VEVENT for `event`, whose page is at the absolute `url`. Expects `tags` prefetched."""
    entry = CalendarEvent.new(
        uid=event_uid(event),
        # Without a METHOD, DTSTAMP is when the entry last changed (RFC 5545, 3.8.7.2).
        stamp=event.updated_at.astimezone(datetime.UTC),
        start=event.start_date,
        end=event.end_date + datetime.timedelta(days=1),
        summary=event.title,
        description=description(event) or None,
        location=location(event) or None,
        url=url,
        categories=[tag.name for tag in event.tags.all()],
    )
    for prop, language in text_languages(event).items():
        if prop in entry:
            entry[prop].params["LANGUAGE"] = bcp47(language)
    return entry


def calendar(url, events, absolute, name=None):
    """The iCalendar file of `events`, as bytes, served at the absolute `url`.

    `absolute(path)` makes page addresses absolute; the UID derives from `url`.
    `name` only for subscriptions: some apps make a new calendar of a named file.
    """
    return Calendar.new(
        prodid=PRODID,
        name=name,
        uid=uuid.uuid5(uuid.NAMESPACE_URL, url),
        subcomponents=[
            calendar_event(event, absolute(event.get_absolute_url())) for event in events
        ],
    ).to_ical()


def calendar_response(request, events, name=None):
    """`events` as a calendar file answering `request`, links absolute on the site's domain."""
    url = partial(absolute_url, request)
    body = calendar(url(request.path), events, url, name)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")

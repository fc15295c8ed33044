import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from events.models import Event
from tests.factories import UserFactory
from tests.feeds.helpers import add_public_events, count_queries

pytestmark = pytest.mark.django_db

# (calendar URL name, record key of the object the URL names, calendar name)
CALENDARS = [
    ("events_calendar", None, "Events"),
    ("tag_calendar", "tag", "Events tagged “youth”"),
    ("person_calendar", "person", "Events with Vladimir Norov"),
    ("organisation_calendar", "organisation", "Events with SCO Secretariat"),
]


def calendar_url(name, key, record):
    return reverse(f"feeds:{name}", args=[record[key].slug] if key else [])


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar.prodid == "-//SCO Secretariat//The record//EN"
    assert calendar.version == "2.0"
    return response, calendar


def uid(event):
    return f"event-{event.pk}@{settings.SITE_DOMAIN}"


@pytest.mark.parametrize(("name", "key", "title"), CALENDARS)
def test_calendar_holds_published_events_latest_first(client, record, name, key, title):
    _, calendar = fetch(client, calendar_url(name, key, record))

    assert calendar.calendar_name == f"{title} · SCO Secretariat record"
    assert [event.uid for event in calendar.events] == [uid(record["newer"]), uid(record["older"])]


def test_calendar_event_has_every_field(client, record, site_url):
    newer = record["newer"]

    response, calendar = fetch(client, calendar_url("events_calendar", None, record))

    entry = calendar.events[0]
    assert entry.uid == f"event-{newer.pk}@{settings.SITE_DOMAIN}"
    assert entry.stamp == newer.updated_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert entry.start == datetime.date(2021, 3, 1)
    # Exclusive: the day after the last day, 3 March.
    assert entry.end == datetime.date(2021, 3, 4)
    assert entry["DTSTART"].params["VALUE"] == "DATE"
    assert entry["DTEND"].params["VALUE"] == "DATE"
    assert b"DTSTART;VALUE=DATE:20210301\r\nDTEND;VALUE=DATE:20210304\r\n" in response.content
    assert entry["SUMMARY"] == "Newer forum"
    assert entry["DESCRIPTION"] == "Youth and innovation."
    assert entry["LOCATION"] == "Palace of Nations, Dushanbe, Tajikistan"
    assert entry["URL"] == f"{site_url}/en/events/newer-forum/"
    assert entry.categories == ["youth"]


def test_one_day_event_ends_the_next_day(client, record):
    _, calendar = fetch(client, calendar_url("events_calendar", None, record))

    older = calendar.events[1]
    assert (older.start, older.end) == (datetime.date(2020, 12, 5), datetime.date(2020, 12, 6))
    assert older["LOCATION"] == "Kunming, China"
    assert sorted(older.categories) == ["5G", "youth"]


def test_calendar_leaves_out_what_the_record_does_not_have(client, record):
    Event.objects.filter(pk=record["newer"].pk).update(summary="", venue="", city="", country="")

    _, calendar = fetch(client, calendar_url("events_calendar", None, record))

    entry = calendar.events[0]
    assert "DESCRIPTION" not in entry
    assert "LOCATION" not in entry


@pytest.mark.parametrize(
    ("format", "platform", "location", "how"),
    [
        # An online event's city is where it was organised from, not where it met.
        ("online", "Zoom", None, "Online (Zoom)"),
        ("online", "", None, "Online"),
        (
            "hybrid",
            "Zoom",
            "Palace of Nations, Dushanbe, Tajikistan",
            "In person and online (Zoom)",
        ),
        ("hybrid", "", "Palace of Nations, Dushanbe, Tajikistan", "In person and online"),
    ],
)
def test_calendar_says_how_to_take_part_and_where_only_if_in_person(
    client, record, format, platform, location, how
):
    Event.objects.filter(pk=record["newer"].pk).update(format=format, platform=platform)

    _, calendar = fetch(client, calendar_url("events_calendar", None, record))

    entry = calendar.events[0]
    assert entry.get("LOCATION") == location
    assert entry["DESCRIPTION"] == f"{how}\n\nYouth and innovation."
    assert calendar.events[1]["DESCRIPTION"] == "Vocational education in the information century."


def test_online_event_without_summary_is_described_by_its_platform(client, record):
    Event.objects.filter(pk=record["newer"].pk).update(
        format="online", platform="WeChat", summary=""
    )

    response, calendar = fetch(client, reverse("events:calendar", args=["newer-forum"]))

    [entry] = calendar.events
    assert entry["DESCRIPTION"] == "Online (WeChat)"
    assert "LOCATION" not in entry
    assert b"LOCATION" not in response.content


def test_uids_stay_the_same_across_requests_and_a_rename(client, record, site_url):
    url = calendar_url("events_calendar", None, record)
    _, first = fetch(client, url)
    newer = record["newer"]
    newer.slug = "renamed-forum"
    newer.save()

    _, second = fetch(client, url)

    assert [e.uid for e in second.events] == [e.uid for e in first.events]
    assert second.uid == first.uid
    assert second.events[0]["URL"] == f"{site_url}/en/events/renamed-forum/"


def test_event_download_is_an_attachment_with_the_event_alone(client, record, site_url):
    newer = record["newer"]

    response, calendar = fetch(client, reverse("events:calendar", args=[newer.slug]))

    assert response["Content-Disposition"] == 'attachment; filename="newer-forum.ics"'
    assert [event.uid for event in calendar.events] == [uid(newer)]
    # Unnamed, so that calendar apps add the event rather than make a calendar of it.
    assert "X-WR-CALNAME" not in calendar
    assert "NAME" not in calendar


@pytest.mark.parametrize("hidden", ["draft", "scheduled"])
def test_hidden_event_has_no_download(client, record, hidden):
    response = client.get(reverse("events:calendar", args=[record[hidden].slug]))

    assert response.status_code == 404


def test_hidden_event_has_no_download_even_for_staff(client, record):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("events:calendar", args=[record["draft"].slug]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", [name for name, key, _ in CALENDARS if key])
def test_calendar_of_an_unknown_slug_is_not_found(client, record, name):
    response = client.get(reverse(f"feeds:{name}", args=["no-such-slug"]))

    assert response.status_code == 404


def test_calendar_of_a_tag_only_hidden_events_use_is_not_found(client, record):
    response = client.get(reverse("feeds:tag_calendar", args=["unreleased"]))

    assert response.status_code == 404


@pytest.mark.parametrize(("name", "key", "title"), CALENDARS)
def test_calendar_costs_as_many_queries_for_many_events_as_for_one(
    client, record, name, key, title
):
    url = calendar_url(name, key, record)
    record["older"].delete()
    one = count_queries(client, url)

    add_public_events(record, 6)
    many = count_queries(client, url)

    # The calendar's object (except for all events), the Site, the events, their tags.
    assert one == many == (3 if key is None else 4)


def test_event_download_costs_three_queries(client, record):
    # The event, its tags, the Site.
    assert count_queries(client, reverse("events:calendar", args=["newer-forum"])) == 3

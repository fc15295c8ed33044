"""An editorial note never reaches what machines read: feeds, calendars, JSON-LD, the API.

Every record that has one holds a marker in it; every feed, calendar file,
JSON-LD block and API answer about those records must lack the marker, while
the public note's marker is where the API shows it.
"""

import datetime
import json

import feedparser
import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import EventSource
from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    QuoteFactory,
    SessionFactory,
    VisitFactory,
)
from tests.structured_data.helpers import get_head

pytestmark = pytest.mark.django_db

# Unlike anything a factory writes, in every record's editorial and public notes.
EDITORIAL = "zqx-editorial-9f41"
PUBLIC = "zqx-public-3c07"


@pytest.fixture
def noted():
    """A published event, its person, position, organisation and tag, each with both notes."""
    organisation = OrganisationFactory(slug="secretariat")
    person = PersonFactory(
        slug="norov",
        public_note=f"person {PUBLIC}",
        editorial_note=f"person {EDITORIAL}",
    )
    PositionFactory(
        person=person,
        organisation=organisation,
        title="Secretary-General",
        start_date=datetime.date(2019, 1, 1),
        public_note=f"position {PUBLIC}",
        editorial_note=f"position {EDITORIAL}",
    )
    event = EventFactory(
        slug="roundtable",
        start_date=datetime.date(2020, 12, 5),
        tags=["youth"],
        format="hybrid",
        platform="Zoom",
        public_note=f"event {PUBLIC}",
        editorial_note=f"event {EDITORIAL}",
    )
    EventSource.objects.create(event=event, url="https://example.org/release", title="Release")
    session = SessionFactory(event=event, date=datetime.date(2020, 12, 5))
    ParticipationFactory(event=event, person=person, session=session, stated_title="Chair")
    EventOrganisationFactory(event=event, organisation=organisation)
    quote = QuoteFactory(event=event, speaker=person, session=session, tags=["youth"])
    VisitFactory(event=event, tags=["youth"])
    return {"event": event, "person": person, "organisation": organisation, "quote": quote}


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


FEEDS = [
    ("feeds:events_rss", None),
    ("feeds:events_atom", None),
    ("feeds:tag_rss", "youth"),
    ("feeds:tag_atom", "youth"),
    ("feeds:person_rss", "norov"),
    ("feeds:person_atom", "norov"),
    ("feeds:person_statements_rss", "norov"),
    ("feeds:person_statements_atom", "norov"),
    ("feeds:organisation_rss", "secretariat"),
    ("feeds:organisation_atom", "secretariat"),
]


@pytest.mark.parametrize(("name", "slug"), FEEDS)
def test_no_feed_carries_an_editorial_note(client, noted, name, slug):
    text = body(client, reverse(name, args=[slug] if slug else []))

    feed = feedparser.parse(text)
    assert not feed.bozo
    assert len(feed.entries) == 1  # the noted event, or its statement
    assert EDITORIAL not in text


CALENDARS = [
    ("events:calendar", "roundtable"),
    ("feeds:events_calendar", None),
    ("feeds:tag_calendar", "youth"),
    ("feeds:person_calendar", "norov"),
    ("feeds:organisation_calendar", "secretariat"),
]


@pytest.mark.parametrize(("name", "slug"), CALENDARS)
def test_no_calendar_carries_an_editorial_note(client, noted, name, slug):
    text = body(client, reverse(name, args=[slug] if slug else []))

    [entry] = Calendar.from_ical(text).events
    assert entry["DESCRIPTION"].startswith("In person and online (Zoom)")
    # Unfolded: a long line is folded every 75 octets, maybe through the marker.
    assert EDITORIAL not in text.replace("\r\n ", "")


@pytest.mark.parametrize("page", ["event", "person", "organisation"])
def test_no_json_ld_carries_an_editorial_note(client, noted, page):
    head = get_head(client, noted[page].get_absolute_url())

    assert head.json_ld
    assert not any(EDITORIAL in block for block in head.json_ld)


API = [
    ("api:event-list", None),
    ("api:event-detail", {"slug": "roundtable"}),
    ("api:person-list", None),
    ("api:person-detail", {"slug": "norov"}),
    ("api:organisation-list", None),
    ("api:organisation-detail", {"slug": "secretariat"}),
    ("api:quote-list", None),
    ("api:quote-detail", "quote"),
    ("api:tag-list", None),
    ("api:tag-detail", {"slug": "youth"}),
]


@pytest.mark.parametrize(("name", "kwargs"), API)
def test_no_api_answer_carries_an_editorial_note(client, noted, name, kwargs):
    if kwargs == "quote":
        kwargs = {"pk": noted["quote"].pk}

    text = body(client, reverse(name, kwargs=kwargs))

    assert "editorial_note" not in text
    assert EDITORIAL not in text


def test_api_details_carry_the_public_notes(client, noted):
    event = client.get(reverse("api:event-detail", kwargs={"slug": "roundtable"})).json()
    person = client.get(reverse("api:person-detail", kwargs={"slug": "norov"})).json()
    organisation = client.get(
        reverse("api:organisation-detail", kwargs={"slug": "secretariat"})
    ).json()

    assert event["public_note"] == f"event {PUBLIC}"
    assert person["public_note"] == f"person {PUBLIC}"
    assert [p["public_note"] for p in person["positions"]] == [f"position {PUBLIC}"]
    assert [p["public_note"] for p in person["current_positions"]] == [f"position {PUBLIC}"]
    assert [p["public_note"] for p in organisation["positions"]] == [f"position {PUBLIC}"]


def test_openapi_document_declares_public_notes_and_no_editorial_one(client):
    document = body(client, reverse("api:schema"))

    schemas = json.loads(document)["components"]["schemas"]
    assert "editorial_note" not in document
    for name in ["EventDetail", "PersonDetail", "Position", "StaffPosition"]:
        assert "public_note" in schemas[name]["properties"], name

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventSource, OrganisationRole, Quote, Role
from events.structured_data import ROLE_PROPERTIES
from secretariat.renditions import share_rendition
from tests import factories
from tests.structured_data.helpers import get_head, parse_head, site_url

pytestmark = pytest.mark.django_db

D = datetime.date
SCHEMA = "https://schema.org/"


@pytest.fixture
def event():
    return factories.EventFactory(
        title="Development of SCO Vocational Education",
        slug="kunming-roundtable",
        start_date=D(2020, 12, 5),
        end_date=D(2020, 12, 6),
        city="Kunming",
        country="CN",
        venue="Dianchi Hall",
        format="in_person",
        summary="A roundtable on vocational education.",
        tags=["youth", "5G"],
    )


def person(slug, name, *positions):
    """A person with `positions`: (title, organisation, start, end) each."""
    someone = factories.PersonFactory(slug=slug, name=name)
    for title, organisation, start, end in positions:
        factories.PositionFactory(
            person=someone,
            organisation=organisation,
            title=title,
            start_date=start,
            end_date=end,
        )
    return someone


def event_node(client, event):
    return get_head(client, event.get_absolute_url()).node("Event")


def test_event_names_its_dates_status_description_and_address(client, event):
    node = event_node(client, event)

    assert node["@id"] == node["url"] == site_url("/en/events/kunming-roundtable/")
    assert node["name"] == "Development of SCO Vocational Education"
    assert node["description"] == "A roundtable on vocational education."
    assert node["startDate"] == "2020-12-05"
    assert node["endDate"] == "2020-12-06"
    assert node["eventStatus"] == SCHEMA + "EventScheduled"
    assert node["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert node["location"] == [
        {
            "@type": "Place",
            "name": "Dianchi Hall",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Kunming",
                "addressCountry": "CN",
            },
        }
    ]


def test_event_is_about_its_tags(client, event):
    node = event_node(client, event)

    assert sorted(node["about"], key=lambda term: term["name"]) == [
        {"@type": "DefinedTerm", "name": "5G", "url": site_url("/en/tags/5g/")},
        {"@type": "DefinedTerm", "name": "youth", "url": site_url("/en/tags/youth/")},
    ]


def test_event_images_are_absolute_urls_in_order(client, event):
    second = factories.EventImageFactory(event=event, order=2)
    first = factories.EventImageFactory(event=event, order=1)

    node = event_node(client, event)

    # Renditions (the uploads themselves are never linked), with their size.
    first_url, second_url = (share_rendition(image.image).url for image in (first, second))
    assert first_url.startswith("/media/renditions/")
    assert first_url != second_url
    assert node["image"] == [
        {
            "@type": "ImageObject",
            "url": site_url(rendition_url),
            "width": 40,
            "height": 30,
            "caption": image.alt_text,
        }
        for rendition_url, image in ((first_url, first), (second_url, second))
    ]


def test_event_without_summary_tags_or_images_leaves_them_out(client):
    event = factories.EventFactory(summary="")

    node = event_node(client, event)

    assert not {"description", "about", "image", "organizer", "performer", "attendee"} & set(node)


def place(name, **address):
    return {"@type": "Place", "name": name, "address": {"@type": "PostalAddress", **address}}


@pytest.mark.parametrize(
    ("format", "city", "country", "mode", "expected_place"),
    [
        ("online", "", "", "Online", None),
        # An online event's city is where it was organised from, not where it met.
        ("online", "Dushanbe", "TJ", "Online", None),
        (
            "hybrid",
            "Dushanbe",
            "TJ",
            "Mixed",
            place("Dushanbe", addressLocality="Dushanbe", addressCountry="TJ"),
        ),
        ("in_person", "", "KZ", "Offline", place("Kazakhstan", addressCountry="KZ")),
        ("in_person", "", "", "Offline", None),
    ],
    ids=["online", "online-from-a-city", "hybrid", "country-only", "nowhere-recorded"],
)
def test_attendance_mode_and_location_follow_format_and_place(
    client, format, city, country, mode, expected_place
):
    event = factories.EventFactory(slug="meeting", format=format, city=city, country=country)

    node = event_node(client, event)

    virtual = {"@type": "VirtualLocation", "url": site_url("/en/events/meeting/")}
    expected = [expected_place] if expected_place else []
    expected += [virtual] if format != "in_person" else []
    assert node["eventAttendanceMode"] == f"{SCHEMA}{mode}EventAttendanceMode"
    assert node.get("location") == (expected or None)


@pytest.mark.parametrize("format", ["online", "hybrid"])
def test_virtual_location_is_named_by_the_platform(client, format):
    event = factories.EventFactory(slug="meeting", format=format, platform="Zoom", city="")

    node = event_node(client, event)

    assert node["location"][-1] == {
        "@type": "VirtualLocation",
        "url": site_url("/en/events/meeting/"),
        "name": "Zoom",
    }


def test_sources_are_the_release_it_is_based_on_then_citations(client, event):
    release = "https://sectsco.org/news/20201205/roundtable.html"
    EventSource.objects.create(event=event, url="https://example.org/report", order=3)
    EventSource.objects.create(
        event=event, url=release, title="SCO press release", language="ru", order=1
    )
    EventSource.objects.create(
        event=event, url="https://example.org/news", title="City news", order=2
    )
    EventSource.objects.create(event=factories.EventFactory(), url="https://example.org/other")

    node = event_node(client, event)

    assert node["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": release,
        "name": "SCO press release",
        "inLanguage": "ru",
    }
    assert node["citation"] == [
        {"@type": "CreativeWork", "url": "https://example.org/news", "name": "City news"},
        {"@type": "CreativeWork", "url": "https://example.org/report"},
    ]


def test_one_source_is_no_citation_and_none_is_neither(client, event):
    other = factories.EventFactory()
    EventSource.objects.create(event=event, url="https://example.org/release")

    node = event_node(client, event)
    without = event_node(client, other)

    assert node["isBasedOn"] == {"@type": "CreativeWork", "url": "https://example.org/release"}
    assert "citation" not in node
    assert not {"isBasedOn", "citation"} & set(without)


def test_audience_is_said_as_the_source_says(client, event):
    Event.objects.filter(pk=event.pk).update(audience="students and teachers", audience_size=80)
    other = factories.EventFactory(audience="")

    assert event_node(client, event)["audience"] == {
        "@type": "Audience",
        "audienceType": "students and teachers",
    }
    assert "audience" not in event_node(client, other)


def test_sessions_with_a_date_are_sub_events(client, event):
    timed = factories.SessionFactory(
        event=event,
        order=1,
        title="Plenary",
        date=D(2020, 12, 5),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
    )
    day = factories.SessionFactory(event=event, order=2, title="Visit day", date=D(2020, 12, 6))
    factories.SessionFactory(event=event, order=3, title="Undated panel")

    node = event_node(client, event)

    page = site_url("/en/events/kunming-roundtable/")
    assert node["subEvent"] == [
        {
            "@type": "Event",
            "name": "Plenary",
            "inLanguage": "en",
            "url": f"{page}#session-{timed.pk}",
            "startDate": "2020-12-05T10:00",
            "endDate": "2020-12-05T12:30",
        },
        {
            "@type": "Event",
            "name": "Visit day",
            "inLanguage": "en",
            "url": f"{page}#session-{day.pk}",
            "startDate": "2020-12-06",
            "endDate": "2020-12-06",
        },
    ]


def test_every_role_of_people_and_organisations_has_a_property():
    assert set(Role) | set(OrganisationRole) <= set(ROLE_PROPERTIES)


def test_who_took_part_without_attending_contributes(client, event):
    greeter = person("greeter", "Sent Greetings")
    keynote = person("keynote", "Keynote Speaker")
    press = factories.OrganisationFactory(name="Press", slug="press")
    partner = factories.OrganisationFactory(name="Partner", slug="partner")
    factories.ParticipationFactory(event=event, person=greeter, role=Role.SENT_GREETINGS)
    factories.ParticipationFactory(event=event, person=keynote, role=Role.KEYNOTE)
    factories.EventOrganisationFactory(
        event=event, organisation=press, role=OrganisationRole.PUBLISHER
    )
    factories.EventOrganisationFactory(
        event=event, organisation=partner, role=OrganisationRole.PARTNER
    )

    node = event_node(client, event)

    assert [member["name"] for member in node["contributor"]] == ["Press", "Sent Greetings"]
    assert [member["name"] for member in node["performer"]] == ["Keynote Speaker"]
    assert [member["name"] for member in node["sponsor"]] == ["Partner"]
    assert "attendee" not in node


def test_stated_title_is_a_job_title_without_affiliation(client, event):
    ministry = factories.OrganisationFactory(name="Ministry", slug="ministry")
    stated = person("stated", "Stated Title")
    dated = person("dated", "Dated Title", ("Minister", ministry, D(2019, 1, 1), None))
    unnamed = person("unnamed", "No Organisation", ("Rector", None, None, None))
    bare = person("bare", "No Title")
    for who in (stated, dated, unnamed, bare):
        factories.ParticipationFactory(
            event=event, person=who, stated_title="Chair" if who != bare else ""
        )

    attendees = event_node(client, event)["attendee"]

    assert attendees == [
        {
            "@type": "Person",
            "name": "Stated Title",
            "url": site_url("/en/people/stated/"),
            "jobTitle": "Chair",
        },
        {
            "@type": "Person",
            "name": "Dated Title",
            "url": site_url("/en/people/dated/"),
            "jobTitle": "Minister",  # a dated position outranks the stated title
            "affiliation": {
                "@type": "Organization",
                "name": "Ministry",
                "url": site_url("/en/organisations/ministry/"),
            },
        },
        {
            "@type": "Person",
            "name": "No Organisation",
            "url": site_url("/en/people/unnamed/"),
            "jobTitle": "Rector",
        },
        {"@type": "Person", "name": "No Title", "url": site_url("/en/people/bare/")},
    ]


def test_organisations_and_people_split_by_role(client, event):
    host = factories.OrganisationFactory(name="People's Government of Kunming", slug="kunming")
    secretariat = factories.OrganisationFactory(name="SCO Secretariat", slug="secretariat")
    missions = factories.OrganisationFactory(name="Diplomatic missions", slug="missions")
    for order, (organisation, role) in enumerate(
        [(host, Role.HOST), (secretariat, Role.ORGANISER), (missions, Role.DELEGATION)]
    ):
        factories.EventOrganisationFactory(
            event=event, organisation=organisation, role=role, order=order
        )
    norov = person("norov", "Vladimir Norov", ("Secretary-General", secretariat, None, None))
    chung = person("chung", "Sung Chung", ("Vice Mayor of Kunming", host, None, None))
    guest = person("guest", "A Guest")
    first, second = factories.SessionFactory.create_batch(2, event=event)
    for order, (who, role, session) in enumerate(
        [
            (norov, Role.DELEGATION_HEAD, None),
            (chung, Role.SPEAKER, first),
            (chung, Role.SPEAKER, second),  # one performer, whatever the number of sessions
            (chung, Role.HOST, None),
            (guest, Role.PARTICIPANT, None),
        ]
    ):
        factories.ParticipationFactory(
            event=event, person=who, role=role, session=session, order=order
        )

    node = event_node(client, event)

    def organisation(name, slug):
        return {
            "@type": "Organization",
            "name": name,
            "url": site_url(f"/en/organisations/{slug}/"),
        }

    chung_node = {
        "@type": "Person",
        "name": "Sung Chung",
        "url": site_url("/en/people/chung/"),
        "jobTitle": "Vice Mayor of Kunming",
        "affiliation": organisation("People's Government of Kunming", "kunming"),
    }
    assert node["organizer"] == [
        organisation("People's Government of Kunming", "kunming"),
        organisation("SCO Secretariat", "secretariat"),
        chung_node,
    ]
    assert node["performer"] == [chung_node]
    assert node["attendee"] == [
        organisation("Diplomatic missions", "missions"),
        {
            "@type": "Person",
            "name": "Vladimir Norov",
            "url": site_url("/en/people/norov/"),
            "jobTitle": "Secretary-General",
            "affiliation": organisation("SCO Secretariat", "secretariat"),
        },
        {"@type": "Person", "name": "A Guest", "url": site_url("/en/people/guest/")},
    ]


def test_job_title_is_the_one_held_on_the_event_date(client, event):
    secretariat = factories.OrganisationFactory(name="SCO Secretariat")
    ministry = factories.OrganisationFactory(name="Ministry of Foreign Affairs")
    norov = person(
        "norov",
        "Vladimir Norov",
        ("Minister", ministry, D(2017, 1, 1), D(2018, 12, 31)),
        ("Secretary-General", secretariat, D(2019, 1, 1), D(2021, 12, 31)),
        ("Adviser", ministry, D(2022, 1, 1), None),
    )
    factories.ParticipationFactory(event=event, person=norov, role=Role.DELEGATION_HEAD)

    [attendee] = event_node(client, event)["attendee"]
    person_page = get_head(client, norov.get_absolute_url()).node("Person")

    assert attendee["jobTitle"] == "Secretary-General"
    assert attendee["affiliation"]["name"] == "SCO Secretariat"
    assert person_page["jobTitle"] == "Adviser"  # the title changed after the event


def test_each_direct_quote_is_a_quotation_by_its_speaker(client, event):
    secretariat = factories.OrganisationFactory(name="SCO Secretariat", slug="secretariat")
    norov = person("norov", "Vladimir Norov", ("Secretary-General", secretariat, None, None))
    chung = person("chung", "Sung Chung")
    factories.ParticipationFactory(event=event, person=norov)
    said = factories.QuoteFactory(event=event, speaker=norov, text="We cooperate.", order=1)
    factories.QuoteFactory(
        event=event, speaker=chung, kind=Quote.Kind.REPORTED, text="He said so.", order=2
    )
    other = factories.QuoteFactory(event=event, speaker=chung, text="Youth first.", order=3)

    quotations = get_head(client, event.get_absolute_url()).nodes("Quotation")

    page = site_url("/en/events/kunming-roundtable/")
    assert quotations == [
        {
            "@type": "Quotation",
            "@id": f"{page}#quote-{said.pk}",
            "text": "We cooperate.",
            "inLanguage": "en",
            "creator": {
                "@type": "Person",
                "name": "Vladimir Norov",
                "url": site_url("/en/people/norov/"),
                "jobTitle": "Secretary-General",
                "affiliation": {
                    "@type": "Organization",
                    "name": "SCO Secretariat",
                    "url": site_url("/en/organisations/secretariat/"),
                },
            },
            "recordedAt": {"@id": page},
        },
        {
            "@type": "Quotation",
            "@id": f"{page}#quote-{other.pk}",
            "text": "Youth first.",
            "inLanguage": "en",
            "creator": {
                "@type": "Person",
                "name": "Sung Chung",
                "url": site_url("/en/people/chung/"),
            },
            "recordedAt": {"@id": page},
        },
    ]


def test_quotation_creator_is_a_person_an_organisation_a_group_or_no_one(client, event):
    chung = person("chung", "Sung Chung")
    factories.ParticipationFactory(event=event, person=chung, stated_title="Vice Mayor")
    city = factories.OrganisationFactory(name="City of Kunming", slug="kunming")
    said = [
        factories.QuoteFactory(event=event, order=1, speaker=chung, text="By a person."),
        factories.QuoteFactory(
            event=event, order=2, speaker=None, speaker_organisation=city, text="By the city."
        ),
        factories.QuoteFactory(
            event=event, order=3, speaker=None, speaker_group="the pupils", text="By pupils."
        ),
        factories.QuoteFactory(
            event=event,
            order=4,
            speaker=None,
            attribution_note="said by a participant",
            text="By no one named.",
            source_url="https://example.org/interview",
        ),
    ]

    quotations = get_head(client, event.get_absolute_url()).nodes("Quotation")

    assert [quotation["@id"] for quotation in quotations] == [
        site_url(f"/en/events/kunming-roundtable/#quote-{quote.pk}") for quote in said
    ]
    assert [quotation.get("creator") for quotation in quotations] == [
        {
            "@type": "Person",
            "name": "Sung Chung",
            "url": site_url("/en/people/chung/"),
            "jobTitle": "Vice Mayor",
        },
        {
            "@type": "Organization",
            "name": "City of Kunming",
            "url": site_url("/en/organisations/kunming/"),
        },
        {"@type": "Organization", "name": "the pupils"},
        None,
    ]
    # Only a statement with a source of its own names it.
    assert [quotation.get("isBasedOn") for quotation in quotations] == [
        None,
        None,
        None,
        "https://example.org/interview",
    ]


def test_one_block_with_the_schema_org_context(client, event):
    head = get_head(client, event.get_absolute_url())

    [block] = head.data
    assert block["@context"] == "https://schema.org"
    assert [node["@type"] for node in block["@graph"]] == ["Event"]


@pytest.mark.parametrize("hidden", [{"draft": True}, {"scheduled": True}])
def test_hidden_event_page_is_a_404_without_structured_data(client, hidden):
    event = factories.EventFactory(title="Not yet public", **hidden)

    response = client.get(event.get_absolute_url())

    assert response.status_code == 404
    assert "application/ld+json" not in response.text
    assert "Not yet public" not in response.text


def test_markup_in_text_is_inert_and_round_trips(client):
    attack = "</script><script>alert(1)</script> & <!-- <b>"
    event = factories.EventFactory(title=attack, summary=attack)
    factories.QuoteFactory(event=event, text=attack)

    response = client.get(event.get_absolute_url())
    head = parse_head(response.text)

    [raw] = head.json_ld
    assert not {"<", ">", "&"} & set(raw)
    assert head.other_scripts == 0
    assert "<script>alert(1)" not in response.text
    block = json.loads(raw)
    assert block["@graph"][0]["name"] == attack
    assert block["@graph"][0]["description"] == attack
    assert block["@graph"][1]["text"] == attack
    assert head.one("og:title") == attack
    assert head.title == f"{attack} · SCO Secretariat record"


def add_people_quotes_and_images(event, number):
    for _ in range(number):
        participation = factories.ParticipationFactory(event=event, role=Role.SPEAKER)
        factories.PositionFactory(person=participation.person, start_date=None)
        factories.QuoteFactory(event=event, speaker=participation.person)
        factories.EventOrganisationFactory(event=event, role=Role.HOST)
        factories.EventImageFactory(event=event)


def test_structured_data_costs_no_query_per_person_quote_or_image(client, event):
    add_people_quotes_and_images(event, 1)
    client.get(event.get_absolute_url())  # renditions are made on the first view
    with CaptureQueriesContext(connection) as one:
        client.get(event.get_absolute_url())
    add_people_quotes_and_images(event, 29)
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as thirty:
        head = get_head(client, event.get_absolute_url())

    node = head.node("Event")
    assert len(one) == len(thirty)
    assert len(node["performer"]) == len(node["image"]) == 30
    assert all("jobTitle" in performer for performer in node["performer"])
    assert len(node["organizer"]) == len(head.nodes("Quotation")) == 30

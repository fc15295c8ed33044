import datetime

import pytest
from django.urls import reverse

from events.models import Event, EventSource, OrganisationRole, Quote, Role, Session, Visit
from tests.api.conftest import iso
from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    EventSourceFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    QuoteFactory,
    SessionFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["results"]]


def tag_ref(tag, site_url):
    return {
        "id": tag.pk,
        "slug": tag.slug,
        "name": tag.name,
        "url": f"{site_url}/en/tags/{tag.slug}/",
    }


def test_event_list_item_is_exact(client, record, site_url):
    response = client.get(reverse("api:event-list"), {"year": 2020})

    event = record.roundtable
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": event.pk,
                "slug": "kunming-roundtable",
                "url": f"{site_url}/en/events/kunming-roundtable/",
                "kind": "roundtable",
                "title": "Kunming roundtable",
                "languages": ["en"],
                "language": "en",
                "original_language": "en",
                "start_date": "2020-12-05",
                "end_date": "2020-12-05",
                "city": "Kunming",
                "country": "CN",
                "venue": "",
                "format": "in_person",
                "platform": "",
                "audience": "",
                "audience_size": None,
                "summary": "Vocational education, innovation and entrepreneurship.",
                "published_at": iso(event.published_at),
                "tags": [tag_ref(record.education, site_url), tag_ref(record.youth, site_url)],
            }
        ],
    }


def test_event_detail_is_exact(client, record, site_url):
    response = client.get(reverse("api:event-detail", kwargs={"slug": "kunming-roundtable"}))

    assert response.status_code == 200
    data = response.json()
    list_item = client.get(reverse("api:event-list"), {"year": 2020}).json()["results"][0]
    assert {key: data[key] for key in list_item} == list_item
    norov = {
        "id": record.norov.pk,
        "slug": "vladimir-norov",
        "name": "Vladimir Norov",
        "url": f"{site_url}/en/people/vladimir-norov/",
    }
    assert data["body"] == "The roundtable was held in Kunming."
    assert data["public_note"] == ""
    assert data["sources"] == []
    assert data["sessions"] == [
        {
            "id": record.session.pk,
            "title": "5G and Big Data",
            "kind": "",
            "date": None,
            "start_time": None,
            "end_time": None,
            "description": "",
        }
    ]
    assert data["participants"] == [
        {
            "person": norov,
            "role": "delegation_head",
            "title": "Secretary-General",
            "organisation": {
                "id": record.secretariat.pk,
                "slug": "sco-secretariat",
                "name": "SCO Secretariat",
                "url": f"{site_url}/en/organisations/sco-secretariat/",
            },
            "session": None,
            "source": "",
        },
        {
            "person": {
                "id": record.mayor.pk,
                "slug": "wang-xi",
                "name": "Wang Xi",
                "url": f"{site_url}/en/people/wang-xi/",
            },
            "role": "speaker",
            "title": "",
            "organisation": None,
            "session": record.session.pk,
            "source": "",
        },
    ]
    assert data["organisations"] == [
        {
            "organisation": {
                "id": record.kunming.pk,
                "slug": "kunming-government",
                "name": "People's Government of Kunming",
                "url": f"{site_url}/en/organisations/kunming-government/",
            },
            "role": "host",
        }
    ]
    assert data["quotes"] == [
        {
            "id": record.quote.pk,
            "url": f"{site_url}/en/events/kunming-roundtable/#quote-{record.quote.pk}",
            "kind": "direct",
            "text": "Youth is our future.",
            "languages": ["en"],
            "language": "en",
            "original_language": "en",
            "speaker": norov,
            "speaker_organisation": None,
            "speaker_group": "",
            "attribution_note": "",
            "source": "",
            "session": record.session.pk,
            "tags": [tag_ref(record.youth, site_url)],
        }
    ]
    assert data["visits"] == [
        {
            "id": record.visit.pk,
            "place": "Kunming aviation school",
            "place_kind": "",
            "description": "Training centre.",
            "date": "2020-12-05",
            "tags": [tag_ref(record.education, site_url)],
        }
    ]
    assert data["images"] == []
    assert len(data) == len(list_item) + 9


def test_participant_title_is_the_one_held_on_the_event_date(client, record):
    PositionFactory(
        person=record.norov,
        organisation=record.kunming,
        title="Later title",
        start_date=datetime.date(2022, 1, 1),
    )

    response = client.get(reverse("api:event-detail", kwargs={"slug": "kunming-roundtable"}))

    assert response.json()["participants"][0]["title"] == "Secretary-General"


def detail(client, slug="kunming-roundtable"):
    response = client.get(reverse("api:event-detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.json()


def test_sources_are_listed_in_order_the_events_own_release_first(client, record):
    release = "https://sectsco.org/news/20201205/roundtable.html"
    EventSource.objects.create(
        event=record.roundtable, url="https://example.org/report", order=2, language=""
    )
    EventSource.objects.create(
        event=record.roundtable,
        url=release,
        title="SCO Secretariat press release",
        language="ru",
        order=1,
    )
    EventSource.objects.create(event=record.meeting, url="https://example.org/other")

    assert detail(client)["sources"] == [
        {"url": release, "title": "SCO Secretariat press release", "language": "ru"},
        {"url": "https://example.org/report", "title": "", "language": ""},
    ]


def test_parts_name_their_own_source(client, record):
    Quote.objects.filter(pk=record.quote.pk).update(source_url="https://example.org/quote")
    record.roundtable.participations.filter(person=record.mayor).update(
        source_url="https://example.org/mayor"
    )

    data = detail(client)

    assert [q["source"] for q in data["quotes"]] == ["https://example.org/quote"]
    assert [p["source"] for p in data["participants"]] == ["", "https://example.org/mayor"]


def test_each_kind_of_speaker_is_said_and_the_others_are_empty(client, record, site_url):
    Quote.objects.all().delete()
    pupils = QuoteFactory(
        event=record.roundtable, speaker=None, speaker_group="the pupils", text="We", order=2
    )
    city = QuoteFactory(
        event=record.roundtable,
        speaker=None,
        speaker_organisation=record.kunming,
        text="The city",
        order=1,
    )
    unnamed = QuoteFactory(
        event=record.roundtable,
        speaker=None,
        attribution_note="said by a participant",
        text="Someone",
        order=3,
    )
    person = QuoteFactory(event=record.roundtable, speaker=record.mayor, text="The mayor", order=4)
    kunming = {
        "id": record.kunming.pk,
        "slug": "kunming-government",
        "name": "People's Government of Kunming",
        "url": f"{site_url}/en/organisations/kunming-government/",
    }
    mayor = {
        "id": record.mayor.pk,
        "slug": "wang-xi",
        "name": "Wang Xi",
        "url": f"{site_url}/en/people/wang-xi/",
    }
    nobody = {
        "speaker": None,
        "speaker_organisation": None,
        "speaker_group": "",
        "attribution_note": "",
    }

    listed = client.get(reverse("api:quote-list"), {"event": "kunming-roundtable"}).json()

    expected = [
        {"id": city.pk, **nobody, "speaker_organisation": kunming},
        {"id": pupils.pk, **nobody, "speaker_group": "the pupils"},
        {"id": unnamed.pk, **nobody, "attribution_note": "said by a participant"},
        {"id": person.pk, **nobody, "speaker": mayor},
    ]
    fields = ["id", *nobody]
    assert [{key: q[key] for key in fields} for q in detail(client)["quotes"]] == expected
    assert [{key: q[key] for key in fields} for q in listed["results"]] == expected


def test_title_is_the_dated_positions_else_the_stated_one(client, record):
    stated = PersonFactory(name="Li Wei", slug="li-wei")
    # A stated title never outranks a position held on the date.
    ParticipationFactory(
        event=record.roundtable, person=record.norov, role=Role.CHAIR, stated_title="Chairman"
    )
    ParticipationFactory(
        event=record.roundtable, person=stated, role=Role.GUEST, stated_title="Rector"
    )
    PositionFactory(
        person=record.mayor, organisation=None, title="Vice Mayor", start_date=None, end_date=None
    )

    participants = detail(client)["participants"]

    assert [(p["person"]["slug"], p["role"], p["title"]) for p in participants] == [
        ("vladimir-norov", "delegation_head", "Secretary-General"),
        ("wang-xi", "speaker", "Vice Mayor"),
        ("vladimir-norov", "chair", "Secretary-General"),
        ("li-wei", "guest", "Rector"),
    ]
    # A position the sources name no organisation for, and a stated title, have none.
    assert [p["organisation"] is None for p in participants] == [False, True, False, True]


def test_format_audience_sessions_and_visits_are_given(client, record):
    Event.objects.filter(pk=record.roundtable.pk).update(
        format=Event.Format.HYBRID,
        platform="Zoom",
        audience="students and teachers",
        audience_size=120,
    )
    Session.objects.filter(pk=record.session.pk).update(
        kind=Session.Kind.PANEL,
        date=datetime.date(2020, 12, 5),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 30),
    )
    Visit.objects.filter(pk=record.visit.pk).update(place_kind=Visit.PlaceKind.SCHOOL)

    data = detail(client)

    assert {key: data[key] for key in ["format", "platform", "audience", "audience_size"]} == {
        "format": "hybrid",
        "platform": "Zoom",
        "audience": "students and teachers",
        "audience_size": 120,
    }
    [session] = data["sessions"]
    assert (session["kind"], session["date"], session["start_time"], session["end_time"]) == (
        "panel",
        "2020-12-05",
        "10:00:00",
        "11:30:00",
    )
    assert [visit["place_kind"] for visit in data["visits"]] == ["school"]


def test_new_roles_of_people_and_organisations_are_given(client, record):
    publisher = OrganisationFactory(slug="publisher")
    EventOrganisationFactory(
        event=record.roundtable, organisation=publisher, role=OrganisationRole.PUBLISHER
    )
    ParticipationFactory(event=record.roundtable, person=record.mayor, role=Role.SENT_GREETINGS)

    data = detail(client)
    organisation = client.get(reverse("api:organisation-detail", kwargs={"slug": "publisher"}))

    assert [link["role"] for link in data["organisations"]] == ["host", "publisher"]
    assert [p["role"] for p in data["participants"]][-1] == "sent_greetings"
    assert [e["roles"] for e in organisation.json()["events"]] == [["publisher"]]


def test_public_note_is_given(client, record):
    Event.objects.filter(pk=record.roundtable.pk).update(
        public_note="Another source dates it 6 December."
    )

    assert detail(client)["public_note"] == "Another source dates it 6 December."


def test_event_image_has_an_absolute_url_and_its_alt_text(client, record):
    from tests.factories import EventImageFactory

    image = EventImageFactory(event=record.roundtable, alt_text="The round table")

    response = client.get(reverse("api:event-detail", kwargs={"slug": "kunming-roundtable"}))

    assert response.json()["images"] == [
        {
            "image": f"http://testserver{image.image.url}",
            "width": 40,
            "height": 30,
            "alt_text": "The round table",
            "caption": image.caption,
            "credit": image.credit,
        }
    ]


@pytest.mark.parametrize("slug", ["draft-event", "scheduled-event"])
def test_hidden_event_detail_is_404(client, record, slug):
    response = client.get(reverse("api:event-detail", kwargs={"slug": slug}))

    assert response.status_code == 404
    assert response.json() == {"detail": "No Event matches the given query."}


def test_hidden_events_are_never_listed_or_counted(client, record):
    response = client.get(reverse("api:event-list"), {"tag": "youth"})

    assert slugs(response) == ["moscow-meeting", "kunming-roundtable"]
    assert response.json()["count"] == 2
    assert slugs(client.get(reverse("api:event-list"), {"tag": "hidden-plans"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tag": ["youth", "vocational-education"]}, ["kunming-roundtable"]),
        ({"tag": ["youth"]}, ["moscow-meeting", "kunming-roundtable"]),
        ({"tag": ["vocational-education", "no-such-tag"]}, []),
        ({"kind": "roundtable"}, ["kunming-roundtable"]),
        ({"year": "2021"}, ["moscow-meeting"]),
        ({"country": "RU"}, ["moscow-meeting"]),
        ({"person": "wang-xi"}, ["kunming-roundtable"]),
        ({"organisation": "kunming-government"}, ["kunming-roundtable"]),
        ({"when": "past"}, ["moscow-meeting", "kunming-roundtable"]),
        ({"when": "upcoming"}, []),
        # Invalid values are dropped, as on the page: the list is not narrowed.
        ({"year": "not-a-year", "kind": "banquet"}, ["moscow-meeting", "kunming-roundtable"]),
    ],
)
def test_event_filters_are_the_pages(client, record, params, expected):
    assert slugs(client.get(reverse("api:event-list"), params)) == expected


def test_person_and_organisation_filters_ignore_hidden_events(client, record):
    """Norov and the Secretariat are linked to hidden events only (and Norov to the roundtable)."""
    assert slugs(client.get(reverse("api:event-list"), {"person": "vladimir-norov"})) == [
        "kunming-roundtable"
    ]
    assert slugs(client.get(reverse("api:event-list"), {"organisation": "sco-secretariat"})) == []


def test_event_list_queries_do_not_grow_with_events(client, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            EventFactory(tags=["youth", "5G"])

    fill(1)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("api:event-list")).status_code == 200
    fill(19)
    with django_assert_max_num_queries(3):
        assert len(client.get(reverse("api:event-list")).json()["results"]) == 20


@pytest.mark.parametrize("n", [1, 8])
def test_event_detail_queries_do_not_grow_with_its_parts(client, n, django_assert_max_num_queries):
    event = EventFactory(slug="big", tags=["youth"])
    for i in range(n):
        EventSourceFactory(event=event, order=i)
        session = SessionFactory(event=event, order=i)
        participation = ParticipationFactory(event=event, role=Role.SPEAKER, session=session)
        PositionFactory(person=participation.person, start_date=datetime.date(2000, 1, 1))
        EventOrganisationFactory(event=event)
        QuoteFactory(event=event, session=session, speaker=participation.person, tags=["a", "b"])
        VisitFactory(event=event, tags=["c"])

    with django_assert_max_num_queries(11):
        response = client.get(reverse("api:event-detail", kwargs={"slug": "big"}))

    assert len(response.json()["participants"]) == n
    assert Event.objects.count() == 1


def test_events_and_statements_are_found_by_words_as_the_search_finds_them(
    client, django_capture_on_commit_callbacks
):
    # The search index is written when a transaction commits: run that here.
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title="Pelican roundtable", slug="pelicans", summary="", body="")
        budget = EventFactory(title="Budget meeting", slug="budget", summary="", body="")
        draft = EventFactory(draft=True, title="Pelican plans", slug="pelican-plans")
        QuoteFactory(event=budget, text="The pelican flies far.")
        QuoteFactory(event=budget, text="Budgets matter.")
        QuoteFactory(event=draft, text="A pelican secret.")

    events = client.get(reverse("api:event-list"), {"q": "pelican"})
    quotes = client.get(reverse("api:quote-list"), {"q": "pelican"}).json()
    nothing_to_match = client.get(reverse("api:event-list"), {"q": "!!!"}).json()

    assert slugs(events) == ["pelicans"]
    assert [quote["text"] for quote in quotes["results"]] == ["The pelican flies far."]
    assert nothing_to_match["count"] == 2

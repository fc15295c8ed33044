import pytest
from django.urls import reverse

from events.models import Quote
from tests.factories import EventFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["results"]]


def test_tag_list_and_detail_are_exact(client, record, site_url):
    youth = {
        "id": record.youth.pk,
        "slug": "youth",
        "name": "youth",
        "url": f"{site_url}/en/tags/youth/",
        "languages": ["en"],
        "language": "en",
        # Two public events and the roundtable's statement; the hidden events not counted.
        "count": 3,
        "event_count": 2,
        "quote_count": 1,
        "visit_count": 0,
        "person_count": 0,
        "organisation_count": 0,
    }

    listed = client.get(reverse("api:tag-list"), {"q": "YOU"}).json()
    detail = client.get(reverse("api:tag-detail", kwargs={"slug": "youth"})).json()

    assert listed["results"] == [youth]
    assert detail == youth


def test_tag_only_on_hidden_events_is_neither_listed_nor_found(client, record):
    assert slugs(client.get(reverse("api:tag-list"))) == ["vocational-education", "youth"]
    response = client.get(reverse("api:tag-detail", kwargs={"slug": "hidden-plans"}))
    assert response.status_code == 404


def test_tags_sort_by_count(client, record):
    response = client.get(reverse("api:tag-list"), {"sort": "count"})

    assert slugs(response) == ["youth", "vocational-education"]


def test_quote_is_exact(client, record, site_url):
    response = client.get(reverse("api:quote-detail", kwargs={"pk": record.quote.pk}))

    assert response.json() == {
        "id": record.quote.pk,
        "url": f"{site_url}/en/events/kunming-roundtable/#quote-{record.quote.pk}",
        "kind": "direct",
        "text": "Youth is our future.",
        "languages": ["en"],
        "language": "en",
        "original_language": "en",
        "speaker": {
            "id": record.norov.pk,
            "slug": "vladimir-norov",
            "name": "Vladimir Norov",
            "url": f"{site_url}/en/people/vladimir-norov/",
        },
        "speaker_organisation": None,
        "speaker_group": "",
        "attribution_note": "",
        "source": "",
        "event": {
            "id": record.roundtable.pk,
            "slug": "kunming-roundtable",
            "title": "Kunming roundtable",
            "url": f"{site_url}/en/events/kunming-roundtable/",
            "start_date": "2020-12-05",
        },
        "session": {"id": record.session.pk, "title": "5G and Big Data"},
        "tags": [
            {
                "id": record.youth.pk,
                "slug": "youth",
                "name": "youth",
                "url": f"{site_url}/en/tags/youth/",
            }
        ],
    }


def test_statements_of_hidden_events_are_neither_listed_nor_found(client, record):
    response = client.get(reverse("api:quote-list"), {"speaker": "vladimir-norov"})

    assert [quote["id"] for quote in response.json()["results"]] == [record.quote.pk]
    hidden = Quote.objects.get(event=record.hidden[0])
    assert client.get(reverse("api:quote-detail", kwargs={"pk": hidden.pk})).status_code == 404


@pytest.fixture
def quotes(record):
    """The roundtable's direct quotation, a reported one at the meeting, and one by the mayor."""
    reported = QuoteFactory(
        event=record.meeting, speaker=record.norov, kind=Quote.Kind.REPORTED, tags=["youth", "5G"]
    )
    mayor = QuoteFactory(event=record.roundtable, speaker=record.mayor, order=2, tags=["5G"])
    return {"direct": record.quote, "reported": reported, "mayor": mayor}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["reported", "direct", "mayor"]),
        ({"speaker": "wang-xi"}, ["mayor"]),
        ({"event": "moscow-meeting"}, ["reported"]),
        ({"tag": ["youth", "5g"]}, ["reported"]),
        ({"tag": ["youth"]}, ["reported", "direct"]),
        ({"kind": "reported"}, ["reported"]),
        ({"year": "2020"}, ["direct", "mayor"]),
        ({"event": "draft-event"}, []),
    ],
)
def test_quote_filters(client, quotes, params, expected):
    response = client.get(reverse("api:quote-list"), params)

    assert [quote["id"] for quote in response.json()["results"]] == [
        quotes[name].pk for name in expected
    ]


def test_quote_list_queries_do_not_grow(client, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            QuoteFactory(event=EventFactory(), tags=["youth", "5G"])

    fill(1)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("api:quote-list")).status_code == 200
    fill(19)
    with django_assert_max_num_queries(3):
        assert len(client.get(reverse("api:quote-list")).json()["results"]) == 20


def test_tag_list_queries_do_not_grow(client, django_assert_max_num_queries):
    def fill(n):
        for i in range(n):
            EventFactory(tags=[f"topic {i}-{n}", "youth"])

    fill(1)
    with django_assert_max_num_queries(2):
        assert client.get(reverse("api:tag-list")).status_code == 200
    fill(19)
    with django_assert_max_num_queries(2):
        assert len(client.get(reverse("api:tag-list")).json()["results"]) == 20

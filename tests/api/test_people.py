import datetime

import pytest
from django.urls import reverse

from events.models import Role
from people.models import Organisation
from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    OrganisationNameFactory,
    ParticipationFactory,
    PersonFactory,
    PersonNameFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["results"]]


def test_person_list_item_and_detail_are_exact(client, record, site_url):
    secretariat = {
        "id": record.secretariat.pk,
        "slug": "sco-secretariat",
        "name": "SCO Secretariat",
        "url": f"{site_url}/en/organisations/sco-secretariat/",
    }
    position = {
        "title": "Secretary-General",
        "organisation": secretariat,
        "start_date": "2019-01-01",
        "end_date": None,
        "public_note": "",
    }
    item = {
        "id": record.norov.pk,
        "slug": "vladimir-norov",
        "url": f"{site_url}/en/people/vladimir-norov/",
        "name": "Vladimir Norov",
        "languages": ["en"],
        "language": "en",
        "honorific": "",
        "country": "UZ",
        "current_positions": [position],
    }

    listed = client.get(reverse("api:person-list"), {"q": "norov"}).json()
    detail = client.get(reverse("api:person-detail", kwargs={"slug": "vladimir-norov"})).json()

    assert listed["results"] == [item]
    # The draft and the scheduled event, where he also spoke, are neither counted nor listed.
    assert detail == {
        **item,
        "bio": record.norov.bio,
        "public_note": "",
        "alternative_names": [],
        "positions": [position],
        "tags": [],
        "event_count": 1,
        "quote_count": 1,
        "events": [
            {
                "id": record.roundtable.pk,
                "slug": "kunming-roundtable",
                "title": "Kunming roundtable",
                "url": f"{site_url}/en/events/kunming-roundtable/",
                "start_date": "2020-12-05",
                "roles": ["delegation_head"],
            }
        ],
        "events_url": "http://testserver/api/events/?person=vladimir-norov",
        "quotes_url": "http://testserver/api/quotes/?speaker=vladimir-norov",
    }


def test_organisation_list_item_and_detail_are_exact(client, record, site_url):
    child = OrganisationFactory(
        name="SCHOLAR", slug="scholar", kind=Organisation.Kind.PLATFORM, parent=record.secretariat
    )
    secretariat = {
        "id": record.secretariat.pk,
        "slug": "sco-secretariat",
        "name": "SCO Secretariat",
        "url": f"{site_url}/en/organisations/sco-secretariat/",
    }

    listed = client.get(reverse("api:organisation-list"), {"kind": "platform"}).json()
    detail = client.get(
        reverse("api:organisation-detail", kwargs={"slug": "sco-secretariat"})
    ).json()

    assert listed["results"] == [
        {
            "id": child.pk,
            "slug": "scholar",
            "url": f"{site_url}/en/organisations/scholar/",
            "name": "SCHOLAR",
            "languages": ["en"],
            "language": "en",
            "short_name": "",
            "kind": "platform",
            "country": child.country.code,
            "parent": secretariat,
        }
    ]
    # Organiser of the draft and the scheduled event only: no events.
    assert detail == {
        **secretariat,
        "languages": ["en"],
        "language": "en",
        "short_name": "SCO",
        "kind": "body",
        "country": "",
        "parent": None,
        "website": "",
        "description": "",
        "alternative_names": [],
        "tags": [],
        "children": [
            {
                "id": child.pk,
                "slug": "scholar",
                "name": "SCHOLAR",
                "url": f"{site_url}/en/organisations/scholar/",
            }
        ],
        "positions": [
            {
                "person": {
                    "id": record.norov.pk,
                    "slug": "vladimir-norov",
                    "name": "Vladimir Norov",
                    "url": f"{site_url}/en/people/vladimir-norov/",
                },
                "title": "Secretary-General",
                "start_date": "2019-01-01",
                "end_date": None,
                "public_note": "",
            }
        ],
        "event_count": 0,
        "events": [],
        "events_url": "http://testserver/api/events/?organisation=sco-secretariat",
    }


def test_organisation_events_carry_its_roles(client, record):
    response = client.get(reverse("api:organisation-detail", kwargs={"slug": "kunming-government"}))

    assert response.json()["event_count"] == 1
    assert [(e["slug"], e["roles"]) for e in response.json()["events"]] == [
        ("kunming-roundtable", ["host"])
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "NOROV"}, ["vladimir-norov"]),
        ({"q": "Норов"}, ["vladimir-norov"]),  # an alternative name
        ({"organisation": "sco-secretariat"}, ["vladimir-norov"]),
        ({"country": "CN"}, ["wang-xi"]),
        ({"tag": ["youth", "mayors"]}, ["wang-xi"]),
    ],
)
def test_person_filters_are_the_pages(client, record, params, expected):
    PersonNameFactory(person=record.norov, name="Норов")
    record.mayor.tags.add("youth", "mayors")
    record.norov.tags.add("youth")

    assert slugs(client.get(reverse("api:person-list"), params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "kunming"}, ["kunming-government"]),
        ({"q": "SCO"}, ["sco-secretariat"]),  # the short name
        ({"q": "ШОС"}, ["sco-secretariat"]),  # an alternative name
        ({"kind": "local_government"}, ["kunming-government"]),
        ({"country": "CN"}, ["kunming-government"]),
    ],
)
def test_organisation_filters_are_the_pages(client, record, params, expected):
    OrganisationNameFactory(organisation=record.secretariat, name="ШОС")

    assert slugs(client.get(reverse("api:organisation-list"), params)) == expected


def test_unknown_person_is_404(client, record):
    response = client.get(reverse("api:person-detail", kwargs={"slug": "nobody"}))

    assert response.status_code == 404


def test_person_queries_do_not_grow(client, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            person = PersonFactory()
            PositionFactory(person=person)
            PositionFactory(person=person)

    fill(1)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("api:person-list")).status_code == 200
    fill(19)
    with django_assert_max_num_queries(3):
        assert len(client.get(reverse("api:person-list")).json()["results"]) == 20


@pytest.mark.parametrize("n", [1, 8])
def test_person_detail_queries_do_not_grow(client, n, django_assert_max_num_queries):
    person = PersonFactory(slug="busy", tags=["youth"])
    PersonNameFactory(person=person)
    for _ in range(n):
        PositionFactory(person=person, start_date=datetime.date(2000, 1, 1))
        event = EventFactory(tags=["youth"])
        ParticipationFactory(event=event, person=person, role=Role.SPEAKER)
        ParticipationFactory(event=event, person=person, role=Role.MODERATOR)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("api:person-detail", kwargs={"slug": "busy"}))

    assert response.json()["event_count"] == n


@pytest.mark.parametrize("n", [1, 8])
def test_organisation_detail_queries_do_not_grow(client, n, django_assert_max_num_queries):
    organisation = OrganisationFactory(slug="busy", tags=["youth"])
    OrganisationNameFactory(organisation=organisation)
    for _ in range(n):
        PositionFactory(organisation=organisation)
        OrganisationFactory(parent=organisation)
        EventOrganisationFactory(event=EventFactory(tags=["youth"]), organisation=organisation)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("api:organisation-detail", kwargs={"slug": "busy"}))

    assert response.json()["event_count"] == n


def test_position_without_organisation_and_notes_are_given(client, record):
    PositionFactory(
        person=record.mayor,
        organisation=None,
        title="Vice Mayor",
        start_date=datetime.date(2020, 1, 1),
        public_note="Called deputy mayor by another source.",
    )
    record.mayor.public_note = "Also written Wang Hsi."
    record.mayor.save()

    detail = client.get(reverse("api:person-detail", kwargs={"slug": "wang-xi"})).json()
    [listed] = client.get(reverse("api:person-list"), {"q": "wang"}).json()["results"]

    position = {
        "title": "Vice Mayor",
        "organisation": None,
        "start_date": "2020-01-01",
        "end_date": None,
        "public_note": "Called deputy mayor by another source.",
    }
    assert detail["public_note"] == "Also written Wang Hsi."
    assert detail["positions"] == listed["current_positions"] == [position]

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/en/search/suggest/"


def test_suggests_people_organisations_tags_and_events_by_prefix(client, indexed):
    with indexed():
        norov = factories.PersonFactory(name="Vladimir Norov", slug="vladimir-norov")
        factories.PersonNameFactory(person=norov, name="Норов")
        factories.OrganisationFactory(name="Norov Foundation", slug="norov-foundation")
        factories.EventFactory(title="Norov in Kunming", slug="norov-kunming", tags=["Norovism"])
        factories.PersonFactory(name="Unrelated Person")

    response = client.get(URL, {"q": "Norov"})

    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert sorted((r["type"], r["title"], r["url"]) for r in results) == [
        ("event", "Norov in Kunming", "/en/events/norov-kunming/"),
        ("organisation", "Norov Foundation", "/en/organisations/norov-foundation/"),
        ("person", "Vladimir Norov", "/en/people/vladimir-norov/"),
        ("tag", "Norovism", "/en/tags/norovism/"),
    ]
    assert {r["label"] for r in results} == {"Event", "Organisation", "Person", "Tag"}
    # Typed in Cyrillic, the prefix is compared by its transliteration.
    cyrillic = client.get(URL, {"q": "нор"}).json()["results"]
    assert sorted(r["url"] for r in cyrillic) == sorted(r["url"] for r in results)


def test_never_suggests_drafts_or_their_tags(client, indexed):
    with indexed():
        factories.EventFactory(draft=True, title="Pangolin draft", tags=["pangolin"])
        factories.EventFactory(scheduled=True, title="Pangolin scheduled")

    assert client.get(URL, {"q": "pangolin"}).json()["results"] == []


def test_the_best_name_comes_first_whatever_its_type(client, indexed):
    with indexed():
        for n in range(9):
            factories.PersonFactory(name=f"Aa Tapirova {n}")
        factories.OrganisationFactory(name="Tapir")

    results = client.get(URL, {"q": "tapir"}).json()["results"]

    # The exact name first, though it sorts last by title and more people than
    # fit match the prefix.
    assert [(r["type"], r["title"]) for r in results] == [
        ("organisation", "Tapir"),
        *[("person", f"Aa Tapirova {n}") for n in range(7)],
    ]


def test_costs_one_query(client, indexed, django_assert_num_queries):
    with indexed():
        for n in range(12):
            factories.PersonFactory(name=f"Tapir {n}")

    client.get(URL)
    with django_assert_num_queries(1):
        results = client.get(URL, {"q": "tapir"}).json()["results"]
    assert len(results) == 8


@pytest.mark.parametrize("query", ["", "  ", "&|!():*'\"\\;", "x" * 2000, "🙂", "上海"])
def test_bad_input_gives_a_normal_answer(client, query):
    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_nul_byte_is_a_bad_request(client):
    assert client.get(URL, {"q": "a\x00b"}).status_code == 400

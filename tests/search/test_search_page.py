"""The search page on both databases: what is found, in what order, and what never is."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command

from search.backends.base import BaseBackend
from search.models import Document
from tests import factories
from topics.selectors import tags_in_public_use

pytestmark = pytest.mark.django_db

URL = "/en/search/"
D = datetime.date


def found(response):
    return [(result.kind, result.title) for result in response.context["results"]]


def facet(response, name):
    [found_facet] = [f for f in response.context["facets"] if f.name == name]
    return {option.label: option.count for option in found_facet.options}


@pytest.fixture
def hidden(indexed):
    """A draft and a scheduled event with a session, a statement and a visit, all "zebra"."""
    with indexed():
        speaker = factories.PersonFactory(name="Public Speaker")
        for event in [
            factories.EventFactory(draft=True, title="Zebra draft", tags=["zebra-only-draft"]),
            factories.EventFactory(scheduled=True, title="Zebra scheduled"),
        ]:
            factories.SessionFactory(event=event, title="Zebra session")
            factories.QuoteFactory(event=event, speaker=speaker, text="Zebra statement")
            factories.VisitFactory(event=event, place="Zebra farm", tags=["zebra-only-draft"])


def test_drafts_and_scheduled_events_and_their_parts_are_never_found(client, hidden, indexed):
    with indexed():
        factories.EventFactory(title="Zebra crossing summit", summary="", body="")

    response = client.get(URL, {"q": "zebra"})

    assert found(response) == [("event", "Zebra crossing summit")]
    assert response.context["total"] == 1
    assert facet(response, "type") == {"Event": 1}
    assert facet(response, "tag") == {}
    for text in ["draft", "scheduled", "Zebra session", "Zebra statement", "Zebra farm"]:
        assert text not in response.text


def test_a_tag_used_only_by_drafts_is_not_found(client, hidden):
    assert found(client.get(URL, {"q": "zebra-only-draft"})) == []


def test_a_scheduled_event_is_found_once_its_time_has_come(client, indexed):
    with indexed():
        event = factories.EventFactory(scheduled=True, title="Okapi forum")
    assert found(client.get(URL, {"q": "okapi"})) == []

    # Nothing is saved again: the time comes.
    later = event.published_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert found(client.get(URL, {"q": "okapi"})) == [("event", "Okapi forum")]


def test_every_type_of_record_is_found(client, indexed):
    with indexed():
        event = factories.EventFactory(title="Walrus roundtable", summary="", body="")
        factories.SessionFactory(event=event, title="Walrus session")
        factories.QuoteFactory(
            event=event, speaker__name="Anna Petrova", text="The walrus statement."
        )
        factories.VisitFactory(event=event, place="Walrus centre", description="")
        factories.PersonFactory(name="Walrus Person")
        factories.OrganisationFactory(name="Walrus Institute")
        factories.TagFactory(name="walrus", slug="walrus")
        factories.PersonFactory(name="Tagged Somebody", tags=["walrus"])

    response = client.get(URL, {"q": "walrus"})

    assert sorted(kind for kind, _title in found(response)) == sorted(
        ["event", "session", "quote", "visit", "person", "person", "organisation", "tag"]
    )
    assert facet(response, "type") == {
        "Event": 1,
        "Session": 1,
        "Statement": 1,
        "Visit": 1,
        "Person": 2,
        "Organisation": 1,
        "Tag": 1,
    }


def test_title_match_ranks_above_body_only_match(client, indexed):
    with indexed():
        factories.EventFactory(
            title="Annual meeting", summary="", body="Delegates discussed the narwhal."
        )
        factories.EventFactory(title="Narwhal conference", summary="", body="")

    assert found(client.get(URL, {"q": "narwhal"})) == [
        ("event", "Narwhal conference"),
        ("event", "Annual meeting"),
    ]


def test_exact_name_ranks_above_a_longer_one(client, indexed):
    with indexed():
        factories.PersonFactory(name="Vladimir Norovsky")
        factories.PersonFactory(name="Norov")

    assert found(client.get(URL, {"q": "Norov"}))[:2] == [
        ("person", "Norov"),
        ("person", "Vladimir Norovsky"),
    ]


def test_names_match_across_scripts_word_order_and_prefix(client, indexed):
    with indexed():
        norov = factories.PersonFactory(name="Vladimir Norov", bio="")
        factories.PersonNameFactory(person=norov, name="Норов Владимир Имомович")
        factories.PersonFactory(name="Someone Else", bio="")

    for query in ["Норов", "Norov Vladimir", "vladimir norov", "Nor", "Имомович", "NOROV"]:
        assert found(client.get(URL, {"q": query})) == [("person", "Vladimir Norov")], query


def test_a_cyrillic_name_is_found_by_its_transliteration(client, indexed):
    with indexed():
        factories.PersonFactory(name="Ермекбаев Кайрат", bio="")

    assert found(client.get(URL, {"q": "Ermekbaev"})) == [("person", "Ермекбаев Кайрат")]
    assert found(client.get(URL, {"q": "ермекбаев"})) == [("person", "Ермекбаев Кайрат")]


def test_organisation_short_and_alternative_names(client, indexed):
    with indexed():
        organisation = factories.OrganisationFactory(
            name="Shanghai Cooperation Organisation", short_name="SCO", description=""
        )
        factories.OrganisationNameFactory(organisation=organisation, name="上海合作组织")
        factories.OrganisationFactory(name="Other Body", description="")

    for query in ["SCO", "Shanghai cooperation", "合作", "上海合作组织"]:
        assert found(client.get(URL, {"q": query})) == [
            ("organisation", "Shanghai Cooperation Organisation")
        ], query


def test_chinese_word_inside_a_title_and_a_statement(client, indexed):
    with indexed():
        event = factories.EventFactory(title="上海合作组织职业教育圆桌会议", summary="", body="")
        factories.QuoteFactory(event=event, speaker__name="Li Wei", text="我们重视职业教育的发展。")
        factories.EventFactory(title="青年论坛", summary="", body="")

    assert found(client.get(URL, {"q": "职业教育"})) == [
        ("event", "上海合作组织职业教育圆桌会议"),
        ("quote", "Li Wei — 上海合作组织职业教育圆桌会议"),
    ]
    assert found(client.get(URL, {"q": "重视"})) == [
        ("quote", "Li Wei — 上海合作组织职业教育圆桌会议")
    ]


def test_tags_match_by_part_of_their_name_ignoring_case(client, indexed):
    with indexed():
        factories.EventFactory(tags=["Vocational Education"], title="x", summary="", body="")

    assert ("tag", "Vocational Education") in found(client.get(URL, {"q": "VOCATIONAL"}))
    assert ("tag", "Vocational Education") in found(client.get(URL, {"q": "educat"}))


def test_filters_by_type_year_and_tag_with_counts(client, indexed):
    with indexed():
        factories.EventFactory(title="Ibex 2019", start_date=D(2019, 5, 1), tags=["ibex-tag"])
        factories.EventFactory(title="Ibex 2021", start_date=D(2021, 5, 1), tags=["other"])
        factories.PersonFactory(name="Ibex Person")

    response = client.get(URL, {"q": "ibex"})
    assert facet(response, "year") == {"2021": 1, "2019": 1}
    assert facet(response, "tag") == {"ibex-tag": 1, "other": 1}

    assert found(client.get(URL, {"q": "ibex", "type": "person"})) == [("person", "Ibex Person")]
    assert found(client.get(URL, {"q": "ibex", "year": "2019"})) == [("event", "Ibex 2019")]
    response = client.get(URL, {"q": "ibex", "tag": "ibex-tag"})
    assert found(response) == [("event", "Ibex 2019")]
    assert [(name, value) for name, value, _label in response.context["active_filters"]] == [
        ("tag", "ibex-tag")
    ]


def test_pagination_keeps_the_query_and_filters(client, indexed):
    with indexed():
        for n in range(21):
            factories.EventFactory(title=f"Yak meeting {n}", start_date=D(2020, 1, 1 + n))

    response = client.get(URL, {"q": "yak", "type": "event"})

    assert len(found(response)) == 20
    assert 'href="?q=yak&amp;type=event&amp;page=2"' in response.text
    page_2 = client.get(URL, {"q": "yak", "type": "event", "page": 2})
    assert found(page_2) == [("event", "Yak meeting 0")]


def test_clear_all_filters_keeps_the_query(client, indexed):
    with indexed():
        factories.EventFactory(title="Heron forum", tags=["birds", "water"])

    response = client.get(URL, {"q": "heron", "type": "event", "tag": ["birds", "water"]})

    assert '<li><a href="?q=heron">Clear all filters</a></li>' in response.text
    assert 'href="?"' not in response.text


def test_matched_words_are_highlighted_in_title_and_snippet(client, indexed):
    with indexed():
        factories.EventFactory(title="Llama summit", summary="All about the llama.", body="")

    response = client.get(URL, {"q": "llama"})

    assert "<mark>Llama</mark> summit" in response.text
    assert "All about the <mark>llama</mark>." in response.text


def test_no_results_offers_the_closest_names_and_tags(client, indexed):
    with indexed():
        factories.PersonFactory(name="Vladimir Norov")
        factories.PersonFactory(name="Hidden Elsewhere")

    response = client.get(URL, {"q": "norov xylophone"})

    assert found(response) == []
    assert [d.title for d in response.context["closest"]] == ["Vladimir Norov"]
    assert "Names and tags close to your search" in response.text


def test_excluded_words_remove_results(client, indexed):
    with indexed():
        factories.EventFactory(title="Heron forum youth", summary="", body="")
        factories.EventFactory(title="Heron forum trade", summary="", body="")

    assert found(client.get(URL, {"q": "heron -youth"})) == [("event", "Heron forum trade")]


def test_an_excluded_word_removes_only_results_with_that_whole_word(client, indexed):
    with indexed():
        for title in ["Startup forum", "Art forum", "Forum of art", "Smart forum"]:
            factories.EventFactory(title=title, summary="", body="", city="")
        factories.PersonFactory(name="Bart Forum", bio="")
        factories.PersonFactory(name="Art Forum", bio="")
        factories.OrganisationFactory(name="Artisan Forum", description="")
        factories.OrganisationFactory(name="Forum Art", description="")

    assert sorted(found(client.get(URL, {"q": "forum -art"}))) == [
        ("event", "Smart forum"),
        ("event", "Startup forum"),
        ("organisation", "Artisan Forum"),
        ("person", "Bart Forum"),
    ]


def test_a_chinese_word_after_a_minus_removes_results(client, indexed):
    with indexed():
        factories.EventFactory(title="数字 forum", summary="", body="")
        youth = factories.EventFactory(title="Youth forum", summary="", body="")
        factories.QuoteFactory(event=youth, speaker__name="Li Wei", text="我们讨论数字经济。")
        factories.EventFactory(title="Trade forum", summary="", body="经济合作")

    assert sorted(found(client.get(URL, {"q": "forum -数字"}))) == [
        ("event", "Trade forum"),
        ("event", "Youth forum"),
    ]
    assert sorted(found(client.get(URL, {"q": "forum 数字"}))) == [
        ("event", "数字 forum"),
        ("quote", "Li Wei — Youth forum"),
    ]
    assert found(client.get(URL, {"q": "经济 -数字"})) == [("event", "Trade forum")]


@pytest.mark.parametrize("count", [1, 25])
def test_a_search_costs_a_fixed_number_of_queries(
    client, indexed, django_assert_num_queries, count
):
    with indexed():
        for n in range(count):
            factories.EventFactory(title=f"Gazelle {n}", tags=["gazelle", f"tag {n}"])
            factories.PersonFactory(name=f"Gazelle Person {n}", tags=["gazelle"])

    client.get(URL)  # a warm process: per-process caches (e.g. the current Site) filled
    # The ranked sample with what the facets count, then the page of results.
    with django_assert_num_queries(2):
        response = client.get(URL, {"q": "gazelle", "tag": "gazelle"})
    assert response.context["total"] == 2 * count


def test_more_matches_than_the_sample_are_shown_as_more_than(
    client, indexed, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(BaseBackend, "sample_size", 3)
    with indexed():
        for n in range(5):
            factories.EventFactory(
                title=f"Quokka {n}", start_date=D(2020 + n, 1, 1), summary="", body="", tags=["q"]
            )
        factories.PersonFactory(name="Quokka Keeper", bio="")

    client.get(URL)
    with django_assert_num_queries(2):
        response = client.get(URL, {"q": "quokka"})

    # The sample (one more than its size, to know there are more): names first,
    # then the newest; ranked (equal ranks here: newest first), the last dropped.
    assert found(response) == [
        ("event", "Quokka 4"),
        ("event", "Quokka 3"),
        ("event", "Quokka 2"),
    ]
    assert response.context["total"] == 3
    assert response.context["more"] is True
    assert "More than 3 results for “quokka”" in response.text
    [tag] = next(f for f in response.context["facets"] if f.name == "tag").options
    assert (tag.label, tag.count, tag.more) == ("q", 3, True)
    assert '<span class="count">(3<span aria-hidden="true">+</span>' in response.text


def test_the_sample_takes_names_then_titles_then_the_newest_other_matches_once_each(
    client, indexed, monkeypatch
):
    monkeypatch.setattr(BaseBackend, "sample_size", 3)
    with indexed():
        factories.PersonFactory(name="Quokka Keeper", bio="Keeps a quokka.")
        factories.EventFactory(
            title="Quokka day", start_date=D(2019, 1, 1), summary="", body="A quokka."
        )
        for year in (2021, 2022, 2023):
            factories.EventFactory(
                title=f"Forum {year}", start_date=D(year, 1, 1), summary="", body="A quokka."
            )

    response = client.get(URL, {"q": "quokka"})

    assert sorted(found(response)) == [
        ("event", "Forum 2023"),
        ("event", "Quokka day"),
        ("person", "Quokka Keeper"),
    ]
    assert response.context["more"] is True


def test_a_chinese_word_in_a_title_is_sampled_before_newer_body_matches(
    client, indexed, monkeypatch
):
    monkeypatch.setattr(BaseBackend, "sample_size", 1)
    with indexed():
        factories.EventFactory(title="教育论坛", start_date=D(2020, 1, 1), summary="", body="")
        for year in (2023, 2024):
            factories.EventFactory(
                title=f"Forum {year}", start_date=D(year, 1, 1), summary="", body="职业教育"
            )

    response = client.get(URL, {"q": "教育"})

    assert found(response) == [("event", "教育论坛")]
    assert response.context["more"] is True


def test_matches_that_fit_the_sample_are_counted_exactly(client, indexed, monkeypatch):
    monkeypatch.setattr(BaseBackend, "sample_size", 3)
    with indexed():
        for n in range(3):
            factories.EventFactory(title=f"Wombat {n}", summary="", body="")

    response = client.get(URL, {"q": "wombat"})

    assert response.context["total"] == 3
    assert response.context["more"] is False
    assert "3 results for “wombat”" in response.text
    assert "More than" not in response.text
    assert not any(o.more for f in response.context["facets"] for o in f.options)


def test_no_results_costs_two_queries(client, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(2):
        client.get(URL, {"q": "nothing-like-this"})


def test_an_empty_search_runs_no_query(client, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert "Type a word" in response.text


def test_the_header_has_a_labelled_search_box_on_every_page(client):
    html = client.get("/en/").text

    assert '<form class="site-search" action="/en/search/" method="get" role="search">' in html
    assert '<label for="site-search-q">' in html
    assert 'data-suggest-url="/en/search/suggest/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 2000,
        "!!!...,,,",
        "& | ! ( ) : * ' \" \\ ;",
        "norov:* & !(x | y)",
        "'; DROP TABLE search_document; --",
        '"unclosed phrase',
        "- -- or OR and",
        "Норов 上海 Norov",
        "🙂 🎉",
        "<script>alert(1)</script>",
    ],
)
def test_bad_input_gives_a_normal_page_with_the_query_escaped(client, indexed, query):
    with indexed():
        factories.EventFactory(title="Norov <b>bold</b>")

    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;b&gt;bold" in response.text or not found(response)
    if query.strip():
        assert response.context["query"].text == query.strip()[:200]


def test_a_nul_byte_is_a_bad_request(client):
    assert client.get(URL, {"q": "nor\x00ov"}).status_code == 400
    assert client.get(URL, {"q": "norov", "tag": "a\x00"}).status_code == 400


def test_invalid_filters_are_ignored(client, indexed):
    with indexed():
        factories.EventFactory(title="Marmot")

    response = client.get(URL, {"q": "marmot", "type": "nonsense", "year": "ninety", "page": 1})

    assert found(response) == [("event", "Marmot")]


def test_index_documents_are_not_duplicated(indexed):
    with indexed():
        event = factories.EventFactory(title="One")
        event.save()
        event.save()

    assert Document.objects.filter(kind="event").count() == 3  # one per language


def test_visible_tags_are_the_tags_in_public_use(hidden, indexed):
    with indexed():
        factories.EventFactory(tags=["on event"])
        factories.QuoteFactory(tags=["on quote"])
        factories.VisitFactory(tags=["on visit"])
        factories.PersonFactory(tags=["on person"])
        factories.OrganisationFactory(tags=["on organisation"])
        factories.TagFactory(name="unused")

    visible = (
        Document.objects.visible()
        .filter(kind="tag", language="en")
        .values_list("object_id", flat=True)
    )

    assert sorted(visible) == sorted(tags_in_public_use().values_list("pk", flat=True))
    assert len(visible) == 5


@pytest.fixture
def demo(monkeypatch, indexed):
    """The demo content of `manage.py load_demo`, indexed: the Kunming roundtable and a forum."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-demo-password-for-tests")
    with indexed():
        call_command("load_demo", stdout=io.StringIO())


def test_norov_in_either_script_finds_his_records_in_the_demo(client, demo):
    norov = found(client.get(URL, {"q": "Norov"}))

    assert len(norov) == 11
    assert norov[0] == ("person", "Vladimir Norov")
    # Both events name him; he said seven things in Kunming and one at the forum.
    assert sorted(kind for kind, _title in norov) == ["event", "event", "person", *["quote"] * 8]
    # The same records; ranked on their own words, which now hold his name in every script.
    assert sorted(found(client.get(URL, {"q": "Норов"}))) == sorted(norov)


def test_a_name_in_latin_or_cyrillic_letters_finds_the_same_records(client, indexed):
    with indexed():
        norov = factories.PersonFactory(name="Vladimir Norov", bio="")
        event = factories.EventFactory(
            title="Kunming roundtable", summary="", body="Vladimir Norov spoke.", city=""
        )
        factories.QuoteFactory(event=event, speaker=norov, text="Education first.")
        factories.QuoteFactory(
            event=event, speaker__name="Anna Petrova", text="Норов открыл встречу."
        )
        factories.EventFactory(title="Other roundtable", summary="", body="Norman spoke.")
        factories.PersonFactory(name="Норма Ким", bio="")

    expected = [
        ("event", "Kunming roundtable"),
        ("person", "Vladimir Norov"),
        ("quote", "Anna Petrova — Kunming roundtable"),
        ("quote", "Vladimir Norov — Kunming roundtable"),
    ]
    for query in ["Norov", "Норов", "NOROV", "норов"]:
        assert sorted(found(client.get(URL, {"q": query}))) == expected, query


def test_traditional_chinese_finds_what_simplified_finds(client, indexed):
    with indexed():
        norov = factories.PersonFactory(name="Vladimir Norov", bio="")
        factories.PersonNameFactory(person=norov, name="弗拉基米尔·诺罗夫")
        factories.PersonFactory(name="张明", bio="")
        factories.EventFactory(title="昆明圆桌会议", summary="", body="张明主持会议。", city="")
        factories.OrganisationFactory(name="上海合作組織", description="")  # Traditional
        factories.PersonFactory(name="张伟", bio="")
        factories.EventFactory(title="明天论坛", summary="", body="", city="")

    for simplified, traditional, expected in [
        ("弗拉基米尔·诺罗夫", "弗拉基米爾·諾羅夫", [("person", "Vladimir Norov")]),
        ("张明", "張明", [("person", "张明"), ("event", "昆明圆桌会议")]),
        ("上海合作组织", "上海合作組織", [("organisation", "上海合作組織")]),
    ]:
        assert found(client.get(URL, {"q": simplified})) == expected, simplified
        assert found(client.get(URL, {"q": traditional})) == expected, traditional


def test_a_word_matches_whole_words_or_their_start_not_a_similar_or_inner_word(client, indexed):
    with indexed():
        factories.OrganisationFactory(name="SCHOLAR Academy", description="")
        factories.OrganisationFactory(name="Kunming Preschools Union", description="")
        factories.EventFactory(title="Preschools day", summary="", body="", city="")
        factories.EventFactory(title="Vocational schools forum", summary="", body="", city="")
        factories.OrganisationFactory(name="Schoolsnet", description="")

    assert sorted(found(client.get(URL, {"q": "schools"}))) == [
        ("event", "Vocational schools forum"),
        ("organisation", "Schoolsnet"),
    ]


def test_a_name_matching_only_some_words_of_the_query_is_only_offered_as_close(client, indexed):
    with indexed():
        factories.PersonFactory(name="Igor Petrov", bio="")
        factories.PersonFactory(name="Anna Smirnova", bio="")

    response = client.get(URL, {"q": "Igor Ivanov"})

    assert found(response) == []
    assert [d.title for d in response.context["closest"]] == ["Igor Petrov"]
    assert "Names and tags close to your search" in response.text

    with indexed():
        factories.PersonFactory(name="Igor Ivanov", bio="")
    assert found(client.get(URL, {"q": "Igor Ivanov"})) == [("person", "Igor Ivanov")]

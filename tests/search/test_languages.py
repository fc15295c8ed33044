"""Search per language: each language's documents, names in any script, on both databases."""

import pytest
from django.db import connection
from django.utils import translation

from search.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru", "zh-hans"]
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL"
)


def search(client, language, query):
    return client.get(f"/{language}/search/", {"q": query})


def found(response):
    return [(result.kind, result.title, result.url) for result in response.context["results"]]


def suggested(client, language, query):
    results = client.get(f"/{language}/search/suggest/", {"q": query}).json()["results"]
    return [(r["type"], r["title"], r["url"], r["lang"]) for r in results]


def event(slug, **texts):
    """A published event with only the given texts: no summary, body or city unless given."""
    fields = {"summary": "", "body": "", "city": "", "country": "KZ", **texts}
    return factories.EventFactory(slug=slug, **fields)


@pytest.fixture
def education(indexed):
    """An English event translated into Russian and Chinese, and one in English only."""
    with indexed():
        event(
            "translated",
            title="Vocational education forum",
            title_ru="Форум профессионального образования",
            title_zh_hans="职业教育论坛",
            summary="On schools.",
            summary_ru="Обсуждали будущее образования.",
            summary_zh_hans="讨论了职业教育的未来。",
        )
        event("untranslated", title="Vocational education day")


def test_a_russian_search_finds_the_translated_event_not_the_untranslated_one(client, education):
    for query in ["образования", "Образован", "профессионального"]:
        response = search(client, "ru", query)
        assert found(response) == [
            ("event", "Форум профессионального образования", "/ru/events/translated/")
        ], query
    assert "Vocational education day" not in search(client, "ru", "образования").text
    # The English documents hold the English texts.
    assert found(search(client, "en", "образования")) == []


@postgres_only
def test_a_russian_word_finds_its_other_forms_stemmed_as_russian(client, education):
    for query in ["образование", "образованию", "профессиональное образование"]:
        assert found(search(client, "ru", query)) == [
            ("event", "Форум профессионального образования", "/ru/events/translated/")
        ], query


def test_an_untranslated_event_is_listed_in_its_fallback_language_marked_as_such(client, education):
    response = search(client, "ru", "vocational")

    # The translated event's Russian document has no English word left.
    assert found(response) == [("event", "Vocational education day", "/ru/events/untranslated/")]
    assert 'lang="en"><mark>Vocational</mark> education day</a>' in response.text


def test_a_chinese_search_finds_the_translated_event_not_the_untranslated_one(client, education):
    for query in ["职业教育", "論壇", "未来"]:
        response = search(client, "zh-hans", query)
        assert found(response) == [("event", "职业教育论坛", "/zh-hans/events/translated/")], query
        assert (
            "lang=" not in response.text.split('class="cards search-results"')[1].split("</ol>")[0]
        )
    assert found(search(client, "en", "职业教育")) == []
    assert found(search(client, "ru", "职业教育")) == []


def test_english_finds_the_english_texts_only_in_english(client, education):
    assert sorted(found(search(client, "en", "vocational education"))) == [
        ("event", "Vocational education day", "/en/events/untranslated/"),
        ("event", "Vocational education forum", "/en/events/translated/"),
    ]
    assert found(search(client, "en", "schools")) == [
        ("event", "Vocational education forum", "/en/events/translated/")
    ]
    assert found(search(client, "zh-hans", "schools")) == []


@pytest.fixture
def norov(indexed):
    """Norov in three scripts, an event he took part in and a statement of his, all translated."""
    with indexed():
        person = factories.PersonFactory(
            name="Vladimir Norov",
            name_ru="Владимир Норов",
            name_zh_hans="弗拉基米尔·诺罗夫",
            slug="vladimir-norov",
            bio="",
        )
        roundtable = event(
            "kunming",
            title="Kunming roundtable",
            title_ru="Круглый стол в Куньмине",
            title_zh_hans="昆明圆桌会议",
        )
        factories.ParticipationFactory(event=roundtable, person=person)
        factories.QuoteFactory(
            event=roundtable,
            speaker=person,
            text="Education first.",
            text_ru="Образование прежде всего.",
            text_zh_hans="教育第一。",
        )
        # Neither names him.
        other = factories.PersonFactory(name="Anna Petrova", name_ru="Анна Петрова", bio="")
        factories.ParticipationFactory(event=event("other", title="Other forum"), person=other)
    return roundtable


NOROV_FOUND = {
    "en": ("Vladimir Norov", "Kunming roundtable"),
    "ru": ("Владимир Норов", "Круглый стол в Куньмине"),
    "zh-hans": ("弗拉基米尔·诺罗夫", "昆明圆桌会议"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["Norov", "Норов", "诺罗夫", "norov vladimir", "諾羅夫"])
def test_a_name_in_any_script_finds_the_person_their_events_and_statements(
    client, norov, language, query
):
    name, title = NOROV_FOUND[language]
    quote = norov.quotes.get()

    response = search(client, language, query)

    assert sorted(found(response)) == [
        ("event", title, f"/{language}/events/kunming/"),
        ("person", name, f"/{language}/people/vladimir-norov/"),
        ("quote", f"{name} — {title}", f"/{language}/events/kunming/#quote-{quote.pk}"),
    ]
    assert found(response)[0][0] == "person"


@pytest.mark.parametrize("language", LANGUAGES)
def test_suggestions_are_in_the_readers_language_whatever_the_script_typed(client, norov, language):
    name, _title = NOROV_FOUND[language]
    expected = [("person", name, f"/{language}/people/vladimir-norov/", language_tag(language))]

    for query in ["Nor", "нор", "诺罗"]:
        assert suggested(client, language, query) == expected, query


def language_tag(code):
    return {"zh-hans": "zh-Hans"}.get(code, code)


def test_suggested_events_are_named_in_the_readers_language(client, indexed):
    with indexed():
        event("trade-forum", title="Forum on trade", title_ru="Торговый форум")
        event("trade-fair", title="Trade fair")

    assert suggested(client, "ru", "торг") == [
        ("event", "Торговый форум", "/ru/events/trade-forum/", "ru")
    ]
    assert suggested(client, "en", "торг") == []
    # Untranslated: suggested in English, and said to be.
    assert suggested(client, "ru", "trade") == [
        ("event", "Trade fair", "/ru/events/trade-fair/", "en")
    ]
    assert sorted(suggested(client, "en", "trade")) == [
        ("event", "Forum on trade", "/en/events/trade-forum/", "en"),
        ("event", "Trade fair", "/en/events/trade-fair/", "en"),
    ]


def test_the_closest_names_are_in_the_readers_language(client, norov):
    response = search(client, "ru", "norov xylophone")

    assert found(response) == []
    assert [(d.title, d.url) for d in response.context["closest"]] == [
        ("Владимир Норов", "/ru/people/vladimir-norov/")
    ]


def test_each_language_is_indexed_as_its_reader_reads_it_whoever_saves(indexed):
    with indexed():
        saved = event("saved", title="Youth forum", title_zh_hans="青年论坛", summary="Young.")
    # An editor working in Russian saves it.
    with translation.override("ru"), indexed():
        saved.save()

    documents = Document.objects.filter(kind="event").order_by("language")
    assert [
        (d.language, d.title, d.url, d.title_language, d.text_language, d.b_text) for d in documents
    ] == [
        ("en", "Youth forum", "/en/events/saved/", "en", "en", "Young."),
        ("ru", "Youth forum", "/ru/events/saved/", "en", "en", "Young."),
        ("zh-hans", "青年论坛", "/zh-hans/events/saved/", "zh-hans", "en", "Young."),
    ]


def test_a_translated_name_or_a_new_participant_reaches_the_events(client, indexed):
    with indexed():
        person = factories.PersonFactory(name="Kairat Ermekbaev", slug="ermekbaev", bio="")
        forum = event("forum", title="Forum", title_zh_hans="论坛")
    assert found(search(client, "zh-hans", "叶尔梅克巴耶夫")) == []

    with indexed():
        factories.ParticipationFactory(event=forum, person=person)
    with indexed():
        person.name_zh_hans = "叶尔梅克巴耶夫"
        person.save()

    assert sorted(found(search(client, "zh-hans", "叶尔梅克巴耶夫"))) == [
        ("event", "论坛", "/zh-hans/events/forum/"),
        ("person", "叶尔梅克巴耶夫", "/zh-hans/people/ermekbaev/"),
    ]
    assert sorted(found(search(client, "en", "叶尔梅克巴耶夫"))) == [
        ("event", "Forum", "/en/events/forum/"),
        ("person", "Kairat Ermekbaev", "/en/people/ermekbaev/"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_search_and_a_suggestion_cost_as_many_queries_in_every_language(
    client, norov, language, django_assert_num_queries
):
    client.get(f"/{language}/search/")  # a warm process
    with django_assert_num_queries(2):
        response = search(client, language, "Norov")
    assert len(found(response)) == 3
    with django_assert_num_queries(2):
        response = search(client, language, "nothing-like-this")
    assert found(response) == []
    with django_assert_num_queries(1):
        assert len(suggested(client, language, "Norov")) == 1


def test_the_tag_facet_names_the_tags_in_the_readers_language(client, indexed):
    with indexed():
        event("tagged", title="Youth forum", title_ru="Молодёжный форум", tags=["youth"])
        tag = event("other", title="Other", tags=["youth"]).tags.get()
    with indexed():
        tag.name_ru = "молодёжь"
        tag.save()

    for language, label in [("en", "youth"), ("ru", "молодёжь"), ("zh-hans", "youth")]:
        # In Russian "forum" finds «форум» by its transliteration.
        response = search(client, language, "forum")
        [tags] = [f for f in response.context["facets"] if f.name == "tag"]
        assert [(option.value, option.label) for option in tags.options] == [("youth", label)]


def test_an_organisations_names_in_any_script_find_its_events_and_statements(client, indexed):
    with indexed():
        secretariat = factories.OrganisationFactory(
            name="SCO Secretariat", slug="secretariat", description=""
        )
        forum = event("forum", title="Forum", title_zh_hans="论坛")
        factories.EventOrganisationFactory(event=forum, organisation=secretariat)
        quote = factories.QuoteFactory(
            event=forum, speaker=None, speaker_organisation=secretariat, text="We agree."
        )
        event("other", title="Other forum", title_zh_hans="其他论坛")
    with indexed():
        secretariat.name_zh_hans = "上海合作组织秘书处"
        secretariat.save()

    assert sorted(found(search(client, "en", "秘书处"))) == [
        ("event", "Forum", "/en/events/forum/"),
        ("organisation", "SCO Secretariat", "/en/organisations/secretariat/"),
        ("quote", "SCO Secretariat — Forum", f"/en/events/forum/#quote-{quote.pk}"),
    ]
    assert sorted(found(search(client, "zh-hans", "Secretariat"))) == [
        ("event", "论坛", "/zh-hans/events/forum/"),
        ("organisation", "上海合作组织秘书处", "/zh-hans/organisations/secretariat/"),
        (
            "quote",
            "上海合作组织秘书处 — 论坛",
            f"/zh-hans/events/forum/#quote-{quote.pk}",
        ),
    ]

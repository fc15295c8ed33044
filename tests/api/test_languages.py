"""The API per language: `?lang=`, else Accept-Language; texts, URLs and each record's languages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event, Quote
from people.models import Person
from tests.factories import EventFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(record):
    """The roundtable, Norov and his quote also in Russian; an event only in Russian."""
    Event.objects.filter(pk=record.roundtable.pk).update(
        title_ru="Круглый стол в Куньмине", summary_ru="Профессиональное образование."
    )
    Person.objects.filter(pk=record.norov.pk).update(name_ru="Владимир Норов")
    Quote.objects.filter(pk=record.quote.pk).update(text_ru="Молодёжь — наше будущее.")
    tashkent = EventFactory(
        title_en="",
        title_ru="Встреча в Ташкенте",
        summary_en="",
        summary_ru="Только по-русски.",
        original_language="ru",
        slug="tashkent-meeting",
    )
    QuoteFactory(event=tashkent, speaker=record.norov, text_en="", text_ru="Сказано в Ташкенте.")
    return record


def events_by_slug(response):
    return {event["slug"]: event for event in response.json()["results"]}


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"lang": "ru"}, {}), ({}, {"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9,en;q=0.5"})],
)
def test_events_in_russian_with_the_original_where_russian_is_missing(
    client, translated, site_url, params, headers
):
    response = client.get(reverse("api:event-list"), params, **headers)

    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    events = events_by_slug(response)
    kunming, moscow, tashkent = (
        events[slug] for slug in ("kunming-roundtable", "moscow-meeting", "tashkent-meeting")
    )
    assert (kunming["title"], kunming["summary"]) == (
        "Круглый стол в Куньмине",
        "Профессиональное образование.",
    )
    assert (kunming["languages"], kunming["language"], kunming["original_language"]) == (
        ["en", "ru"],
        "ru",
        "en",
    )
    assert kunming["url"] == f"{site_url}/ru/events/kunming-roundtable/"
    assert (moscow["title"], moscow["languages"], moscow["language"]) == (
        "Moscow meeting",
        ["en"],
        "en",
    )
    assert moscow["url"] == f"{site_url}/ru/events/moscow-meeting/"
    assert (tashkent["title"], tashkent["languages"], tashkent["original_language"]) == (
        "Встреча в Ташкенте",
        ["ru"],
        "ru",
    )


def test_events_in_english_by_default_and_the_russian_only_one_in_russian(
    client, translated, site_url
):
    response = client.get(reverse("api:event-list"))

    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    events = events_by_slug(response)
    assert events["kunming-roundtable"]["title"] == "Kunming roundtable"
    assert events["kunming-roundtable"]["url"] == f"{site_url}/en/events/kunming-roundtable/"
    assert (events["tashkent-meeting"]["title"], events["tashkent-meeting"]["language"]) == (
        "Встреча в Ташкенте",
        "ru",
    )


@pytest.mark.parametrize("lang", ["zh-hans", "zh-Hans", "ZH-HANS"])
def test_chinese_is_named_in_any_case(client, translated, lang):
    response = client.get(reverse("api:event-list"), {"lang": lang})

    assert response.status_code == 200
    assert response["Content-Language"] == "zh-Hans"
    assert events_by_slug(response)["kunming-roundtable"]["language"] == "en"


def test_accept_language_of_china_is_simplified_chinese(client, translated):
    response = client.get(reverse("api:tag-list"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert response["Content-Language"] == "zh-Hans"


def test_lang_parameter_outranks_accept_language(client, translated):
    response = client.get(
        reverse("api:event-detail", kwargs={"slug": "kunming-roundtable"}),
        {"lang": "en"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert response["Content-Language"] == "en"
    assert response.json()["title"] == "Kunming roundtable"


@pytest.mark.parametrize("lang", ["xx", "de", "", "ru,en", "zh"])
@pytest.mark.parametrize("name", ["api:event-list", "api:tag-list", "api:person-list"])
def test_language_not_offered_is_a_clear_400(client, translated, name, lang):
    response = client.get(reverse(name), {"lang": lang})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"Unknown language {lang!r} in ?lang=: use one of en, ru, zh-hans."
    }


def test_unknown_accept_language_falls_back_to_english(client, translated):
    response = client.get(reverse("api:event-list"), HTTP_ACCEPT_LANGUAGE="de-DE, fr;q=0.8")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_event_detail_in_russian_marks_statements_said_in_another_language(
    client, translated, site_url
):
    data = client.get(
        reverse("api:event-detail", kwargs={"slug": "kunming-roundtable"}), {"lang": "ru"}
    ).json()

    [quote] = data["quotes"]
    assert quote["text"] == "Молодёжь — наше будущее."
    # Said in English, the event's language: the Russian is a translation.
    assert (quote["language"], quote["original_language"]) == ("ru", "en")
    assert quote["languages"] == ["en", "ru"]
    assert quote["speaker"]["name"] == "Владимир Норов"
    assert quote["speaker"]["url"] == f"{site_url}/ru/people/vladimir-norov/"
    assert quote["url"] == f"{site_url}/ru/events/kunming-roundtable/#quote-{quote['id']}"


def test_quotes_list_each_statements_languages(client, translated):
    response = client.get(reverse("api:quote-list"), {"lang": "en", "speaker": "vladimir-norov"})

    by_text = {quote["text"]: quote for quote in response.json()["results"]}
    assert (
        by_text["Сказано в Ташкенте."]["languages"],
        by_text["Сказано в Ташкенте."]["language"],
    ) == (
        ["ru"],
        "ru",
    )
    assert by_text["Сказано в Ташкенте."]["original_language"] == "ru"
    assert by_text["Youth is our future."]["languages"] == ["en", "ru"]


def test_person_detail_links_keep_the_language(client, translated, site_url):
    data = client.get(
        reverse("api:person-detail", kwargs={"slug": "vladimir-norov"}), {"lang": "ru"}
    ).json()

    assert data["name"] == "Владимир Норов"
    assert (data["languages"], data["language"]) == (["en", "ru"], "ru")
    assert data["url"] == f"{site_url}/ru/people/vladimir-norov/"
    assert data["events_url"] == "http://testserver/api/events/?person=vladimir-norov&lang=ru"
    assert data["quotes_url"] == "http://testserver/api/quotes/?speaker=vladimir-norov&lang=ru"
    assert [event["title"] for event in data["events"]] == ["Круглый стол в Куньмине"]


def test_next_page_keeps_the_language(client, translated):
    response = client.get(reverse("api:event-list"), {"lang": "ru", "page_size": 1})

    assert response.json()["next"] == "http://testserver/api/events/?lang=ru&page=2&page_size=1"


def test_a_request_in_russian_leaves_the_next_one_in_its_own_language(client, translated):
    client.get(reverse("api:event-list"), {"lang": "ru"})

    response = client.get(reverse("api:event-list"))

    assert response["Content-Language"] == "en"
    assert events_by_slug(response)["kunming-roundtable"]["title"] == "Kunming roundtable"


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("api:event-list", None),
        ("api:event-detail", {"slug": "kunming-roundtable"}),
        ("api:person-detail", {"slug": "vladimir-norov"}),
        ("api:quote-list", None),
        ("api:tag-list", None),
    ],
)
def test_each_language_costs_the_queries_english_does(client, translated, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    counts = []
    for lang in ("en", "ru", "zh-hans"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"lang": lang}).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1] == counts[2]

"""The public pages in English, Russian and Chinese: lang, hreflang, fallbacks, dates, order."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Quote
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
HTML_LANG = {"en": "en", "ru": "ru", "zh-hans": "zh-Hans"}
OG_LOCALE = {"en": "en_GB", "ru": "ru_RU", "zh-hans": "zh_CN"}
RUSSIAN_NOTICE = "This account is not yet available in Russian; shown in English."


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def alternates(html):
    """{hreflang: href} of the page's <link rel="alternate" hreflang>."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def notices(html):
    return re.findall(r'<p class="language-notice" role="note">(.*?)</p>', html)


@pytest.fixture
def record():
    """(event, person, organisation, tag): each in English only, the event's original."""
    organisation = factories.OrganisationFactory(name="Kunming People's Government")
    person = factories.PersonFactory(name="Vladimir Norov")
    factories.PositionFactory(person=person, organisation=organisation, title="Secretary-General")
    event = factories.EventFactory(
        title="Kunming roundtable", tags=["youth"], start_date="2020-12-05", end_date="2020-12-05"
    )
    factories.ParticipationFactory(event=event, person=person)
    factories.EventOrganisationFactory(event=event, organisation=organisation)
    factories.QuoteFactory(event=event, speaker=person, text="We cooperate.")
    return event, person, organisation, event.tags.get()


def page_names(record):
    event, person, organisation, tag = record
    return [
        ("home", {}),
        ("events:list", {}),
        ("events:detail", {"slug": event.slug}),
        ("people:person_list", {}),
        ("people:person_detail", {"slug": person.slug}),
        ("people:organisation_list", {}),
        ("people:organisation_detail", {"slug": organisation.slug}),
        ("tags:index", {}),
        ("tags:detail", {"slug": tag.slug}),
        ("quote_list", {}),
        ("search:search", {}),
    ]


RECORD_PAGES = {
    "events:detail",
    "people:person_detail",
    "people:organisation_detail",
    "tags:detail",
}


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_every_page_type_is_in_its_language_and_names_its_versions(client, record, language):
    for name, kwargs in page_names(record):
        response = client.get(url(name, language, **kwargs))

        assert response.status_code == 200, name
        html = response.text
        assert f'<html lang="{HTML_LANG[language]}">' in html, name
        assert response["Content-Language"] == language
        assert f'<meta property="og:locale" content="{OG_LOCALE[language]}">' in html
        if name in RECORD_PAGES:
            # The record has only its English text: only English is announced.
            expected = {"en": SITE + url(name, "en", **kwargs)}
            assert re.findall(r'og:locale:alternate" content="([^"]+)"', html) == (
                [] if language == "en" else ["en_GB"]
            )
        else:
            expected = {HTML_LANG[code]: SITE + url(name, code, **kwargs) for code in HTML_LANG}
        # The address without a language: it sends each visitor to theirs.
        expected["x-default"] = SITE + url(name, "en", **kwargs).removeprefix("/en")
        assert alternates(html) == expected, name
        if name in RECORD_PAGES and language != "en":
            assert len(notices(html)) == 1, name
        else:
            assert notices(html) == [], name


def test_a_translated_record_announces_each_of_its_versions_on_each(client):
    event = factories.EventFactory(title="Roundtable", title_ru="Круглый стол")
    versions = {"en": url("events:detail", "en", slug=event.slug)}
    versions["ru"] = url("events:detail", "ru", slug=event.slug)
    expected = {
        "en": SITE + versions["en"],
        "ru": SITE + versions["ru"],
        "x-default": SITE + versions["en"].removeprefix("/en"),
    }

    for path in versions.values():
        assert alternates(client.get(path).text) == expected
    chinese = client.get(url("events:detail", "zh-hans", slug=event.slug)).text
    assert alternates(chinese) == expected  # the Chinese fallback is not announced
    assert re.findall(r'og:locale:alternate" content="([^"]+)"', chinese) == ["en_GB", "ru_RU"]


def test_a_record_without_english_names_its_original_as_the_default(client):
    event = factories.EventFactory(
        title="", title_ru="", title_zh_hans="昆明圆桌会议", original_language="zh-hans"
    )

    html = client.get(url("events:detail", "en", slug=event.slug)).text

    chinese = SITE + url("events:detail", "zh-hans", slug=event.slug)
    default = SITE + f"/events/{event.slug}/"
    assert alternates(html) == {"zh-Hans": chinese, "x-default": default}
    assert '<h1 lang="zh-Hans">昆明圆桌会议</h1>' in html
    assert notices(html) == ["This account is not yet available in English; shown in Chinese."]


def test_a_record_page_in_its_language_marks_nothing(client):
    event = factories.EventFactory(title="Roundtable", title_ru="Круглый стол", summary="")
    event.body_ru = "Текст."
    event.city_ru = "Куньмин"
    event.save()

    html = client.get(url("events:detail", "ru", slug=event.slug)).text

    assert "<h1>Круглый стол</h1>" in html
    assert "<p>Текст.</p>" in html
    assert notices(html) == []
    assert re.findall(r'<(?!html|option|span class="in)[a-z0-9]+[^>]* lang="en"', html) == []


def test_a_fallback_is_marked_with_its_language_and_said_once(client):
    event = factories.EventFactory(
        title="Roundtable on youth",
        summary="Who came.",
        body="What was said.",
        city="Kunming",
        original_language="en",
    )
    session = factories.SessionFactory(event=event, title="Plenary", title_ru="Пленарная")
    factories.SessionFactory(event=event, title="Closing")
    factories.VisitFactory(event=event, place="Kunming Vocational College")

    html = client.get(url("events:detail", "ru", slug=event.slug)).text

    assert '<h1 lang="en">Roundtable on youth</h1>' in html
    assert '<p class="lead" lang="en">Who came.</p>' in html
    assert '<div lang="en"><p>What was said.</p></div>' in html
    assert '<span lang="en">Kunming</span>' in html
    assert f'<li id="session-{session.pk}"><strong>Пленарная</strong>' in html
    assert '<strong lang="en">Closing</strong>' in html
    assert '<h3 lang="en">Kunming Vocational College</h3>' in html
    assert notices(html) == [RUSSIAN_NOTICE]
    assert html.index(RUSSIAN_NOTICE) < html.index("<h1")


def test_parts_in_another_language_are_said_as_such(client):
    event = factories.EventFactory(title="Roundtable", title_ru="Круглый стол", body="In English.")

    html = client.get(url("events:detail", "ru", slug=event.slug)).text

    assert "<h1>Круглый стол</h1>" in html
    assert '<div lang="en"><p>In English.</p></div>' in html
    assert notices(html) == [
        "Parts of this account are not yet available in Russian; they are shown in English."
    ]


def test_a_person_an_organisation_and_a_tag_fall_back_and_say_so(client):
    person = factories.PersonFactory(name="Vladimir Norov", bio="Diplomat.")
    organisation = factories.OrganisationFactory(name="SCO Secretariat", name_ru="Секретариат ШОС")
    tag = factories.TagFactory(name="youth")
    person.tags.add(tag)

    person_html = client.get(url("people:person_detail", "ru", slug=person.slug)).text
    organisation_html = client.get(
        url("people:organisation_detail", "ru", slug=organisation.slug)
    ).text
    tag_html = client.get(url("tags:detail", "zh-hans", slug=tag.slug)).text

    assert '<h1><span lang="en">Vladimir Norov</span></h1>' in person_html
    assert '<div lang="en"><p>Diplomat.</p></div>' in person_html
    assert notices(person_html) == [RUSSIAN_NOTICE]
    tag_link = url("tags:detail", "ru", slug=tag.slug)
    assert f'<a href="{tag_link}" lang="en">youth</a>' in person_html
    assert "<h1>Секретариат ШОС</h1>" in organisation_html
    assert notices(organisation_html) == []
    assert '<h1>Tagged “<span lang="en">youth</span>”</h1>' in tag_html
    assert notices(tag_html) == ["This account is not yet available in Chinese; shown in English."]


def test_lists_show_records_in_another_language_marked(client):
    factories.EventFactory(title="Only in English", title_ru="")
    factories.EventFactory(title="Roundtable", title_ru="Круглый стол")
    factories.PersonFactory(name="Vladimir Norov")
    factories.OrganisationFactory(name="SCO Secretariat", name_ru="Секретариат ШОС")

    events = client.get(url("events:list", "ru")).text
    people = client.get(url("people:person_list", "ru")).text
    organisations = client.get(url("people:organisation_list", "ru")).text

    assert re.search(
        r'<h3><a href="[^"]+" lang="en">Only in English</a> '
        r'<span class="in-language" lang="en">\(English\)</span></h3>',
        events,
    )
    assert re.search(r'<h3><a href="[^"]+">Круглый стол</a></h3>', events)
    assert re.search(
        r'<a href="[^"]+" lang="en">Vladimir Norov</a> <span class="in-language"', people
    )
    assert re.search(r'<a href="[^"]+">Секретариат ШОС</a></h3>', organisations)
    for html in (events, people, organisations):
        assert notices(html) == []


def test_a_direct_quotation_in_translation_says_so(client):
    event = factories.EventFactory(title="Roundtable", title_ru="Круглый стол")
    quote = factories.QuoteFactory(
        event=event,
        kind=Quote.Kind.DIRECT,
        text="We cooperate.",
        text_ru="Мы сотрудничаем.",
        original_language="ru",
    )
    reported = factories.QuoteFactory(
        event=event, kind=Quote.Kind.REPORTED, text="He said they cooperate.", text_ru="Сказал."
    )

    english = client.get(url("events:detail", "en", slug=event.slug)).text
    russian = client.get(url("events:detail", "ru", slug=event.slug)).text
    chinese = client.get(url("events:detail", "zh-hans", slug=event.slug)).text

    def statement(html, pk):
        return re.search(rf'<figure class="statement" id="quote-{pk}">.*?</figure>', html, re.S)[0]

    assert "translated from Russian" in statement(english, quote.pk)
    assert "<blockquote><p>We cooperate.</p></blockquote>" in english
    assert "translated from" not in statement(russian, quote.pk)
    assert "<blockquote><p>Мы сотрудничаем.</p></blockquote>" in russian
    # In Chinese, the original is shown, as said, in its own language.
    assert '<blockquote lang="ru"><p>Мы сотрудничаем.</p></blockquote>' in chinese
    assert "translated from" not in statement(chinese, quote.pk)
    assert '<span class="in-language" lang="ru">(Русский)</span>' in statement(chinese, quote.pk)
    assert "translated from" not in statement(english, reported.pk)


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "5 December 2020"), ("ru", "5 декабря 2020 г."), ("zh-hans", "2020年12月5日")],  # noqa: RUF001
)
def test_dates_on_lists_and_pages_are_written_as_the_reader_writes_them(
    client, record, language, written
):
    event, person, _organisation, _tag = record
    time = f'<time datetime="2020-12-05">{written}</time>'

    for path in (
        url("events:list", language),
        url("events:detail", language, slug=event.slug),
        url("people:person_detail", language, slug=person.slug),
        url("home", language),
    ):
        assert time in client.get(path).text, path


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_each_language_costs_the_queries_english_does(client, record):
    event, _person, _organisation, _tag = record
    session = factories.SessionFactory(event=event, title="Plenary")
    factories.ParticipationFactory(event=event, session=session)
    factories.QuoteFactory(event=event, session=session)
    factories.VisitFactory(event=event)
    client.get(url("events:detail", "en", slug=event.slug))  # renditions, site: made once

    for name, kwargs in page_names(record):
        english = count_queries(client, url(name, "en", **kwargs))
        for language in ("ru", "zh-hans"):
            assert count_queries(client, url(name, language, **kwargs)) == english, (name, language)


HONORIFIC_RU = "Его Превосходительство"  # noqa: RUF001


def test_a_heading_of_two_languages_marks_only_the_fallback_part(client):
    person = factories.PersonFactory(
        name="Vladimir Norov", honorific="H.E.", honorific_ru=HONORIFIC_RU
    )

    html = client.get(url("people:person_detail", "ru", slug=person.slug)).text

    heading = f'<span class="honorific">{HONORIFIC_RU}</span> <span lang="en">Vladimir Norov</span>'
    assert f"<h1>{heading}</h1>" in html

"""Feeds per language: texts, links and language marks of /en/, /ru/ and /zh-hans/ feeds."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Event, Quote
from secretariat.languages import bcp47
from tests.factories import EventFactory, ParticipationFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(site_url):
    """A Russian-translated event, an English one never translated, an event only in Russian."""
    now = timezone.now()
    norov = PersonFactory(name="Vladimir Norov", name_ru="Владимир Норов", slug="vladimir-norov")
    translated = EventFactory(
        title="Kunming roundtable",
        title_ru="Круглый стол в Куньмине",
        summary="Vocational education.",
        summary_ru="Профессиональное образование.",
        slug="kunming-roundtable",
        start_date=datetime.date(2020, 12, 5),
        published_at=now - datetime.timedelta(days=1),
    )
    english = EventFactory(
        title="Moscow meeting",
        summary="Only in English.",
        slug="moscow-meeting",
        published_at=now - datetime.timedelta(days=2),
    )
    russian = EventFactory(
        title_en="",
        title_ru="Встреча в Ташкенте",
        summary_en="",
        summary_ru="Только по-русски.",
        original_language="ru",
        slug="tashkent-meeting",
        published_at=now - datetime.timedelta(days=3),
    )
    for event in (translated, english, russian):
        ParticipationFactory(event=event, person=norov)
    for event in (translated, english):
        QuoteFactory(event=event, speaker=norov, text=f"Said at {event.slug}.")
    QuoteFactory(event=russian, speaker=norov, text_en="", text_ru="Сказано в Ташкенте.")
    return {"translated": translated, "english": english, "russian": russian, "norov": norov}


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("prefix", "language", "titles", "marks"),
    [
        (
            "en",
            "en",
            ["Kunming roundtable", "Moscow meeting", "Встреча в Ташкенте"],
            ["en", "en", "ru"],
        ),
        (
            "ru",
            "ru",
            ["Круглый стол в Куньмине", "Moscow meeting", "Встреча в Ташкенте"],
            ["ru", "en", "ru"],
        ),
        (
            "zh-hans",
            "zh-Hans",
            ["Kunming roundtable", "Moscow meeting", "Встреча в Ташкенте"],
            ["en", "en", "ru"],
        ),
    ],
)
def test_rss_feed_is_in_its_addresses_language_and_marks_each_items(
    client, events, site_url, prefix, language, titles, marks
):
    feed = fetch(client, f"/{prefix}/events/feed/rss/")

    assert feed.feed.language == language
    assert feed.feed.link == f"{site_url}/{prefix}/events/"
    assert [entry.title for entry in feed.entries] == titles
    # <dc:language>: the language each item's title is shown in.
    assert [entry.language for entry in feed.entries] == marks
    assert [entry.link for entry in feed.entries] == [
        f"{site_url}/{prefix}/events/{slug}/"
        for slug in ("kunming-roundtable", "moscow-meeting", "tashkent-meeting")
    ]


@pytest.mark.parametrize(
    ("prefix", "language", "titles", "marks"),
    [
        (
            "en",
            "en",
            ["Kunming roundtable", "Moscow meeting", "Встреча в Ташкенте"],
            ["en", "en", "ru"],
        ),
        (
            "ru",
            "ru",
            ["Круглый стол в Куньмине", "Moscow meeting", "Встреча в Ташкенте"],
            ["ru", "en", "ru"],
        ),
    ],
)
def test_atom_feed_gives_each_entry_the_xml_lang_of_its_text(
    client, events, site_url, prefix, language, titles, marks
):
    feed = fetch(client, f"/{prefix}/events/feed/atom/")

    assert feed.feed.language == language
    assert [entry.title for entry in feed.entries] == titles
    assert [entry.title_detail.language for entry in feed.entries] == marks
    assert feed.entries[0].link == f"{site_url}/{prefix}/events/kunming-roundtable/"


def test_feed_description_marks_a_summary_in_another_language(client, events):
    feed = fetch(client, "/ru/events/feed/rss/")

    translated, english, russian = (entry.summary for entry in feed.entries)
    assert translated.endswith("<p>Профессиональное образование.</p>")
    assert english.endswith('<p lang="en">Only in English.</p>')
    assert russian.endswith("<p>Только по-русски.</p>")
    assert (
        fetch(client, "/en/events/feed/rss/")
        .entries[2]
        .summary.endswith('<p lang="ru">Только по-русски.</p>')
    )


def test_person_feed_names_the_person_in_the_feeds_language(client, events):
    russian = fetch(client, "/ru/people/vladimir-norov/feed/rss/")
    english = fetch(client, "/en/people/vladimir-norov/feed/rss/")

    assert russian.feed.title == "Events with Владимир Норов · SCO Secretariat record"
    assert english.feed.title == "Events with Vladimir Norov · SCO Secretariat record"
    assert [entry.title for entry in russian.entries] == [
        "Круглый стол в Куньмине",
        "Moscow meeting",
        "Встреча в Ташкенте",
    ]


def test_statement_feed_says_a_quotation_in_translation_is_one(client, events):
    said_in_russian = events["russian"].quotes.get()
    said_in_russian.text_en = "Said in Tashkent."
    said_in_russian.kind = Quote.Kind.DIRECT
    said_in_russian.save()

    english = fetch(client, "/en/people/vladimir-norov/statements/feed/rss/")
    russian = fetch(client, "/ru/people/vladimir-norov/statements/feed/rss/")

    assert [entry.title for entry in english.entries] == [
        "Said at kunming-roundtable.",
        "Said at moscow-meeting.",
        "Said in Tashkent.",
    ]
    assert [entry.language for entry in english.entries] == ["en", "en", "en"]
    # Said in Russian: the English is a translation, and says so.
    assert english.entries[2].summary.startswith(
        "<blockquote><p>Said in Tashkent.</p></blockquote>\n"
        '<p>Direct quotation · <span class="translation-note">translated from Russian</span> · '
        '<span lang="ru">Встреча в Ташкенте</span> · '
    )
    assert "translated" not in english.entries[0].summary
    # In Russian: the words it was said in; the English ones, marked English, not translated.
    assert [entry.title for entry in russian.entries] == [
        "Said at kunming-roundtable.",
        "Said at moscow-meeting.",
        "Сказано в Ташкенте.",
    ]
    assert [entry.language for entry in russian.entries] == ["en", "en", "ru"]
    assert russian.entries[1].summary.startswith(
        '<blockquote lang="en"><p>Said at moscow-meeting.</p></blockquote>\n'
        '<p>Direct quotation · <span lang="en">Moscow meeting</span> · '
    )
    assert russian.entries[2].summary.startswith(
        "<blockquote><p>Сказано в Ташкенте.</p></blockquote>\n<p>Direct quotation · Встреча в"
    )
    assert [entry.link for entry in russian.entries][2].endswith(
        f"/ru/events/tashkent-meeting/#quote-{said_in_russian.pk}"
    )


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


@pytest.mark.parametrize(
    ("prefix", "summaries", "languages"),
    [
        (
            "en",
            ["Kunming roundtable", "Moscow meeting", "Встреча в Ташкенте"],
            ["en", "en", "ru"],
        ),
        (
            "ru",
            ["Круглый стол в Куньмине", "Moscow meeting", "Встреча в Ташкенте"],
            ["ru", "en", "ru"],
        ),
        (
            "zh-hans",
            ["Kunming roundtable", "Moscow meeting", "Встреча в Ташкенте"],
            ["en", "en", "ru"],
        ),
    ],
)
def test_calendar_gives_each_text_its_language_and_links_to_the_readers_pages(
    client, events, site_url, prefix, summaries, languages
):
    _, ics = calendar(client, f"/{prefix}/events/calendar.ics")

    by_slug = {str(entry["URL"]).split("/")[-2]: entry for entry in ics.events}
    slugs = ["kunming-roundtable", "moscow-meeting", "tashkent-meeting"]
    assert [str(by_slug[slug]["SUMMARY"]) for slug in slugs] == summaries
    assert [by_slug[slug]["SUMMARY"].params["LANGUAGE"] for slug in slugs] == [
        bcp47(code) for code in languages
    ]
    assert [by_slug[slug]["DESCRIPTION"].params["LANGUAGE"] for slug in slugs] == [
        bcp47(code) for code in languages
    ]
    assert [str(by_slug[slug]["URL"]) for slug in slugs] == [
        f"{site_url}/{prefix}/events/{slug}/" for slug in slugs
    ]


def test_calendar_location_is_in_the_language_of_its_venue_or_city(client, events):
    Event.objects.filter(pk=events["translated"].pk).update(
        venue="", city="Kunming", city_ru="Куньмин", country="CN"
    )
    Event.objects.filter(pk=events["english"].pk).update(
        venue="Palace of Nations", city="Moscow", country="RU"
    )

    response, ics = calendar(client, "/ru/events/calendar.ics")

    by_title = {str(entry["SUMMARY"]): entry for entry in ics.events}
    kunming = by_title["Круглый стол в Куньмине"]["LOCATION"]
    moscow = by_title["Moscow meeting"]["LOCATION"]
    assert (str(kunming), kunming.params["LANGUAGE"]) == ("Куньмин, Китай", "ru")
    assert (str(moscow), moscow.params["LANGUAGE"]) == ("Palace of Nations, Moscow, Россия", "en")
    assert "SUMMARY;LANGUAGE=ru:Круглый стол в Куньмине" in response.content.decode()


def test_event_download_is_in_the_readers_language(client, events, site_url):
    _, ics = calendar(client, "/ru/events/kunming-roundtable/calendar.ics")

    [entry] = ics.events
    assert str(entry["SUMMARY"]) == "Круглый стол в Куньмине"
    assert str(entry["DESCRIPTION"]) == "Профессиональное образование."
    assert str(entry["URL"]) == f"{site_url}/ru/events/kunming-roundtable/"

"""JSON-LD per language: the page's texts, `inLanguage`, fallbacks tagged, translations marked."""

import datetime

import pytest

from events.models import Quote
from tests import factories
from tests.structured_data.helpers import get_head, site_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def kunming():
    """Written in English, translated into Russian: title, summary, city, a tag and a speaker."""
    norov = factories.PersonFactory(
        slug="norov", name_en="Vladimir Norov", name_ru="Владимир Норов"
    )
    event = factories.EventFactory(
        slug="kunming-roundtable",
        title_en="Kunming roundtable",
        title_ru="Круглый стол в Куньмине",
        summary_en="Vocational education.",
        summary_ru="Профессиональное образование.",
        venue="",
        city_en="Kunming",
        city_ru="Куньмин",
        country="CN",
        start_date=datetime.date(2020, 12, 5),
    )
    factories.ParticipationFactory(event=event, person=norov)
    return event


def event_node(client, path):
    return get_head(client, path).node("Event")


def test_russian_page_gives_the_russian_texts_in_russian(client, kunming):
    node = event_node(client, "/ru/events/kunming-roundtable/")

    assert node["url"] == site_url("/ru/events/kunming-roundtable/")
    assert node["name"] == "Круглый стол в Куньмине"
    assert node["inLanguage"] == "ru"
    assert node["description"] == "Профессиональное образование."
    assert node["location"][0]["name"] == "Куньмин"
    assert node["location"][0]["address"]["addressLocality"] == "Куньмин"
    assert node["attendee"] == [
        {"@type": "Person", "name": "Владимир Норов", "url": site_url("/ru/people/norov/")}
    ]


def test_english_page_of_the_same_event_is_in_english(client, kunming):
    node = event_node(client, "/en/events/kunming-roundtable/")

    assert (node["name"], node["inLanguage"]) == ("Kunming roundtable", "en")
    assert node["description"] == "Vocational education."


def test_a_text_missing_in_the_pages_language_is_the_original_tagged_with_its_language(
    client, kunming
):
    node = event_node(client, "/zh-hans/events/kunming-roundtable/")

    assert node["inLanguage"] == "en"
    assert node["name"] == {"@value": "Kunming roundtable", "@language": "en"}
    assert node["description"] == {"@value": "Vocational education.", "@language": "en"}
    assert node["attendee"][0]["name"] == {"@value": "Vladimir Norov", "@language": "en"}
    assert node["url"] == site_url("/zh-hans/events/kunming-roundtable/")


def test_chinese_title_makes_the_event_chinese_and_the_missing_summary_is_tagged(client, kunming):
    kunming.title_zh_hans = "昆明圆桌会议"
    kunming.save()

    node = event_node(client, "/zh-hans/events/kunming-roundtable/")

    assert (node["name"], node["inLanguage"]) == ("昆明圆桌会议", "zh-Hans")
    assert node["description"] == {"@value": "Vocational education.", "@language": "en"}


def test_event_written_in_russian_only_is_russian_on_the_english_page(client):
    factories.EventFactory(
        slug="tashkent-meeting",
        title_en="",
        title_ru="Встреча в Ташкенте",
        summary_en="",
        summary_ru="Только по-русски.",
        original_language="ru",
    )

    node = event_node(client, "/en/events/tashkent-meeting/")

    assert node["inLanguage"] == "ru"
    assert node["name"] == {"@value": "Встреча в Ташкенте", "@language": "ru"}
    assert node["description"] == {"@value": "Только по-русски.", "@language": "ru"}


def test_translated_quotation_is_not_given_as_the_speakers_own_words(client, kunming):
    norov = kunming.participations.get().person
    quote = factories.QuoteFactory(
        event=kunming,
        speaker=norov,
        kind=Quote.Kind.DIRECT,
        text_en="Youth is our future.",
        text_ru="Молодёжь — наше будущее.",
    )

    [russian] = get_head(client, "/ru/events/kunming-roundtable/").nodes("Quotation")
    [english] = get_head(client, "/en/events/kunming-roundtable/").nodes("Quotation")

    speaker_ru = {"@type": "Person", "name": "Владимир Норов", "url": site_url("/ru/people/norov/")}
    assert russian == {
        "@type": "Quotation",
        "@id": site_url(f"/ru/events/kunming-roundtable/#quote-{quote.pk}"),
        "text": "Молодёжь — наше будущее.",
        "inLanguage": "ru",
        # Said in English: the speaker's words are the English ones.
        "translationOfWork": {
            "@type": "Quotation",
            "inLanguage": "en",
            "creator": speaker_ru,
            "text": {"@value": "Youth is our future.", "@language": "en"},
        },
        "recordedAt": {"@id": site_url("/ru/events/kunming-roundtable/")},
    }
    assert "creator" not in russian
    assert english["text"] == "Youth is our future."
    assert english["inLanguage"] == "en"
    assert english["creator"]["name"] == "Vladimir Norov"
    assert "translationOfWork" not in english


def test_quotation_said_in_russian_at_an_english_event_is_his_words_in_russian(client, kunming):
    norov = kunming.participations.get().person
    factories.QuoteFactory(
        event=kunming,
        speaker=norov,
        kind=Quote.Kind.DIRECT,
        original_language="ru",
        text_en="",
        text_ru="Молодёжь — наше будущее.",
    )

    [quotation] = get_head(client, "/en/events/kunming-roundtable/").nodes("Quotation")

    assert quotation["text"] == {"@value": "Молодёжь — наше будущее.", "@language": "ru"}
    assert quotation["inLanguage"] == "ru"
    assert quotation["creator"]["name"] == "Vladimir Norov"
    assert "translationOfWork" not in quotation


def test_person_page_names_the_person_in_the_pages_language(client, kunming):
    factories.PersonFactory(slug="chung", name_en="Sung Chung")

    norov = get_head(client, "/ru/people/norov/").node("Person")
    chung = get_head(client, "/ru/people/chung/").node("Person")

    assert norov["name"] == "Владимир Норов"
    assert norov["url"] == site_url("/ru/people/norov/")
    assert chung["name"] == {"@value": "Sung Chung", "@language": "en"}


def test_organisation_page_lists_its_events_in_the_pages_language(client, kunming):
    secretariat = factories.OrganisationFactory(
        slug="secretariat", name_en="SCO Secretariat", name_ru="Секретариат ШОС"
    )
    factories.EventOrganisationFactory(event=kunming, organisation=secretariat)

    node = get_head(client, "/ru/organisations/secretariat/").node("Organization")

    assert node["name"] == "Секретариат ШОС"
    assert node["event"] == [
        {
            "@type": "Event",
            "name": "Круглый стол в Куньмине",
            "url": site_url("/ru/events/kunming-roundtable/"),
            "startDate": "2020-12-05",
        }
    ]

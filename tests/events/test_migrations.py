"""The record's migrations that move data, run forwards over records made before them."""

import datetime

import pytest

from tests.migrations import migrate

BEFORE_FORMAT = [("events", "0007_real_release_facts")]
FORMAT = [("events", "0009_remove_event_online")]


def _event(Event, slug, **fields):
    day = datetime.date(2020, 12, 5)
    return Event.objects.create(slug=slug, title=slug, start_date=day, end_date=day, **fields).pk


@pytest.mark.django_db(transaction=True)
def test_online_becomes_a_format_hybrid_where_a_place_is_recorded(latest_migrations):
    apps = migrate(BEFORE_FORMAT)
    Event = apps.get_model("events", "Event")
    events = {
        "online-nowhere": _event(Event, "a", online=True),
        "online-in-a-city": _event(Event, "b", online=True, city="Dushanbe"),
        "online-in-a-country": _event(Event, "c", online=True, country="KZ"),
        "online-at-a-venue": _event(Event, "d", online=True, venue="SCO House"),
        "in-a-city": _event(Event, "e", city="Kunming"),
        "nowhere": _event(Event, "f"),
    }

    apps = migrate(FORMAT)

    formats = dict(apps.get_model("events", "Event").objects.values_list("pk", "format"))
    assert {name: formats[pk] for name, pk in events.items()} == {
        "online-nowhere": "online",
        "online-in-a-city": "hybrid",
        "online-in-a-country": "hybrid",
        "online-at-a-venue": "hybrid",
        "in-a-city": "in_person",
        "nowhere": "in_person",
    }


@pytest.mark.django_db(transaction=True)
def test_organisations_person_only_roles_become_the_nearest_organisation_role(latest_migrations):
    apps = migrate(BEFORE_FORMAT)
    Event = apps.get_model("events", "Event")
    Organisation = apps.get_model("people", "Organisation")
    EventOrganisation = apps.get_model("events", "EventOrganisation")
    event = Event.objects.get(pk=_event(Event, "a"))
    chair, delegation, both, kept = (
        Organisation.objects.create(name=name, slug=name)
        for name in ("chair", "delegation", "both", "kept")
    )
    for organisation, role in [
        (chair, "moderator"),
        (delegation, "delegation_head"),
        # Listed as head and as delegation: one row remains.
        (both, "delegation_head"),
        (both, "delegation"),
        (kept, "host"),
        (kept, "speaker"),
    ]:
        EventOrganisation.objects.create(event=event, organisation=organisation, role=role)

    apps = migrate(FORMAT)

    links = apps.get_model("events", "EventOrganisation").objects.order_by("organisation__slug")
    assert sorted(links.values_list("organisation__slug", "role")) == [
        ("both", "delegation"),
        ("chair", "chair"),
        ("delegation", "delegation"),
        ("kept", "host"),
        ("kept", "speaker"),
    ]


BEFORE_LANGUAGES = [
    ("events", "0009_remove_event_online"),
    ("people", "0004_position_organisation_optional_source_notes"),
    ("tags", "0001_initial"),
]
LANGUAGES = [
    ("events", "0010_texts_per_language"),
    ("people", "0005_texts_per_language"),
    ("tags", "0002_texts_per_language"),
]


@pytest.mark.django_db(transaction=True)
def test_every_text_becomes_the_english_one_and_english_the_original(latest_migrations):
    apps = migrate(BEFORE_LANGUAGES)
    Event = apps.get_model("events", "Event")
    event = Event.objects.get(pk=_event(Event, "kunming", summary="Vocational education."))
    session = apps.get_model("events", "Session").objects.create(event=event, title="Plenary")
    quote = apps.get_model("events", "Quote").objects.create(event=event, text="Words.")
    person = apps.get_model("people", "Person").objects.create(name="Vladimir Norov", slug="n")
    tag = apps.get_model("tags", "Tag").objects.create(name="youth", slug="youth", key="youth")

    apps = migrate(LANGUAGES)

    def texts(model, pk, *fields):
        return apps.get_model(*model.split(".")).objects.values(*fields).get(pk=pk)

    fields = ("title_en", "summary_en", "title_ru", "original_language")
    assert texts("events.Event", event.pk, *fields) == {
        "title_en": "kunming",
        "summary_en": "Vocational education.",
        "title_ru": None,
        "original_language": "en",
    }
    assert texts("events.Session", session.pk, "title_en")["title_en"] == "Plenary"
    assert texts("events.Quote", quote.pk, "text_en", "original_language") == {
        "text_en": "Words.",
        "original_language": "",
    }
    assert texts("people.Person", person.pk, "name_en")["name_en"] == "Vladimir Norov"
    assert texts("tags.Tag", tag.pk, "name_en", "name_zh_hans") == {
        "name_en": "youth",
        "name_zh_hans": None,
    }

import datetime
import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, OrganisationRole, Quote, Role, Session
from events.selectors import participants_with_titles
from people.models import Organisation, Person
from people.selectors import positions_on
from secretariat.languages import text_in, translated_fields
from tags.models import Tag

pytestmark = pytest.mark.django_db

SLUG = "kunming-roundtable-vocational-education-2020"


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-demo-password-for-tests")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"events", "people", "tags", "auth"}
    }


def test_demo_event_is_the_kunming_roundtable(demo):
    event = Event.objects.get(slug=SLUG)

    assert event.kind == Event.Kind.ROUNDTABLE
    assert event.title == "Development of SCO Vocational Education, Innovation and Entrepreneurship"
    assert (event.start_date, event.end_date) == (datetime.date(2020, 12, 5),) * 2
    assert (event.city, event.country.code) == ("Kunming", "CN")
    assert event in Event.objects.published()
    assert event.format == Event.Format.IN_PERSON
    assert event.audience.startswith("City officials, representatives of SCO diplomatic missions")
    assert {t.name for t in event.tags.all()} >= {
        "vocational education",
        "innovation",
        "entrepreneurship",
        "youth",
        "5G",
        "Big Data",
    }


def test_demo_organisations_and_their_roles(demo):
    event = Event.objects.get(slug=SLUG)

    roles = {(link.organisation.name, link.role) for link in event.organisation_links.all()}

    assert roles == {
        ("People's Government of Kunming", Role.HOST),
        ("SCO Secretariat", Role.DELEGATION),
        ("Diplomatic missions of the SCO countries", Role.PARTICIPANT),
        ("Chinese research institutes", Role.PARTICIPANT),
        ("Youth organisations", Role.PARTICIPANT),
    }


def test_demo_norov_heads_the_delegation_as_secretary_general(demo):
    event = Event.objects.get(slug=SLUG)
    norov = Person.objects.get(name="Vladimir Norov")
    position = norov.positions.get()

    assert event.participations.get(person=norov).role == Role.DELEGATION_HEAD
    assert (position.title, position.organisation.name) == ("Secretary-General", "SCO Secretariat")
    assert (position.start_date.year, position.end_date.year) == (2019, 2021)
    assert positions_on([norov], event.start_date)[norov.pk].title == "Secretary-General"
    assert "Владимир Норов" in {n.name for n in norov.alternative_names.all()}


def test_demo_sessions_in_order(demo):
    sessions = list(Event.objects.get(slug=SLUG).sessions.values_list("title", flat=True))

    assert len(sessions) == 3
    assert sessions[0].startswith("A chance and a challenge for vocational education")
    assert "universities and companies" in sessions[1]
    assert "5G and Big Data" in sessions[2]


def test_demo_quotes_direct_and_reported(demo):
    event = Event.objects.get(slug=SLUG)
    direct = event.quotes.get(kind=Quote.Kind.DIRECT)
    chung = Person.objects.get(name="Sung Chung")

    assert direct.speaker.name == "Vladimir Norov"
    assert direct.text.startswith("The SCO member countries cooperate in professional education")
    assert event.quotes.filter(speaker=direct.speaker, kind=Quote.Kind.REPORTED).count() >= 5
    chung_quote = event.quotes.get(speaker=chung)
    assert chung_quote.kind == Quote.Kind.REPORTED
    assert "data base for innovations and business" in chung_quote.text
    assert positions_on([chung], event.start_date)[chung.pk].title == "Vice Mayor of Kunming"


def test_demo_statements_of_groups_are_attributed_to_them_not_to_a_person(demo):
    event = Event.objects.get(slug=SLUG)

    groups = event.quotes.filter(speaker=None).values_list("speaker_group", "kind")

    assert list(groups) == [
        ("Representatives of the diplomatic missions of the SCO countries", "reported"),
        ("Government officials of Kunming", "reported"),
    ]


def test_demo_forum_is_hybrid_over_two_days_with_two_sources_and_a_note(demo):
    forum = Event.objects.get(slug="sco-youth-digital-education-forum-2021")

    assert forum in Event.objects.published()
    assert (forum.kind, forum.format, forum.platform) == ("forum", "hybrid", "Zoom")
    assert (forum.start_date, forum.end_date) == (
        datetime.date(2021, 5, 26),
        datetime.date(2021, 5, 27),
    )
    assert [(s.url.split("/")[3], s.language) for s in forum.sources.all()] == [
        ("en", "en"),
        ("ru", "ru"),
    ]
    assert forum.public_note.startswith("The Russian release gives 28 May 2021")
    assert forum.editorial_note
    assert (forum.audience_size, forum.audience) == (
        300,
        "Pupils, teachers and youth organisations of the SCO countries",
    )
    organisations = [(link.organisation.slug, link.role) for link in forum.organisation_links.all()]
    assert organisations == [
        ("sco-secretariat", OrganisationRole.ORGANISER),
        ("ministry-of-public-education-uzbekistan", OrganisationRole.CO_ORGANISER),
        ("scholar", OrganisationRole.PARTNER),
    ]


def test_demo_forum_sub_forums_fall_on_different_days(demo):
    forum = Event.objects.get(slug="sco-youth-digital-education-forum-2021")

    sessions = [(s.kind, s.date.day, s.start_time.hour) for s in forum.sessions.all()]

    assert sessions == [
        (Session.Kind.PLENARY, 26, 10),
        (Session.Kind.SUB_FORUM, 26, 14),
        (Session.Kind.SUB_FORUM, 27, 10),
    ]


def test_demo_forum_titles_a_dated_position_first_then_the_title_as_stated(demo):
    forum = Event.objects.get(slug="sco-youth-digital-education-forum-2021")

    titles = {p.person.name: (p.role, p.title) for p in participants_with_titles(forum)}

    # Norov's stated title is "SCO Secretary-General"; his position on the day wins.
    assert titles == {
        "Vladimir Norov": (Role.CHAIR, "Secretary-General"),
        "Dilnoza Karimova": (Role.SPEAKER, "Deputy Minister of Public Education"),
    }


def test_demo_forum_statements_by_a_person_a_group_an_organisation_and_no_one(demo):
    forum = Event.objects.get(slug="sco-youth-digital-education-forum-2021")

    said = [(q.said_by, q.attribution_note, q.session.order) for q in forum.quotes.all()]

    assert said == [
        ("Vladimir Norov", "", 1),
        ("Pupils of School No. 55, Tashkent", "", 2),
        ("SCHOLAR youth platform", "", 3),
        ("", "A participant; the release does not name the speaker.", 3),
    ]


def test_demo_visit_to_two_education_centres(demo):
    visit = Event.objects.get(slug=SLUG).visits.get()

    assert visit.place == "Two education centres in Kunming"
    for field in ["aviation", "machine-building", "services", "arts", "agriculture"]:
        assert field in visit.description
    assert {t.name for t in visit.tags.all()} >= {"aviation", "agriculture"}


def test_demo_scholar_platform_and_initiatives(demo):
    scholar = Organisation.objects.get(name="SCHOLAR youth platform")

    assert scholar.kind == Organisation.Kind.PLATFORM
    assert scholar.parent.name == "SCO Secretariat"
    assert scholar.parent.parent.name == "Shanghai Cooperation Organisation"
    assert {child.name for child in scholar.children.all()} == {
        "SCO Model interactive game",
        "AGORA academic and research conferences",
        "SCHOLAR Academy",
    }


def test_demo_admin_login_printed_and_works(demo, client):
    assert "username: admin  password: a-demo-password-for-tests" in demo
    assert get_user_model().objects.get(username="admin").is_superuser
    signed_in = client.post(
        reverse("admin:login"),
        {
            "username": "admin",
            "password": "a-demo-password-for-tests",
            "next": reverse("admin:index"),
        },
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("admin:index")).context["user"].username == "admin"


def test_demo_second_run_creates_and_changes_nothing(demo):
    before = row_counts()
    tags_before = list(Tag.objects.values_list("pk", "name", "slug"))
    event_before = Event.objects.values().get(slug=SLUG)
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert row_counts() == before
    assert list(Tag.objects.values_list("pk", "name", "slug")) == tags_before
    assert Event.objects.values().get(slug=SLUG) == event_before
    assert "Nothing new: 0 demo records." in out.getvalue()
    assert "password is unchanged" in out.getvalue()


def test_demo_keeps_staff_edits_on_second_run(demo):
    Event.objects.filter(slug=SLUG).update(summary="Edited by staff.")

    call_command("load_demo", stdout=io.StringIO())

    assert Event.objects.get(slug=SLUG).summary == "Edited by staff."


def test_demo_forum_page_shows_each_fact_of_the_release_and_not_the_editorial_note(demo, client):
    forum = Event.objects.get(slug="sco-youth-digital-education-forum-2021")

    html = client.get(forum.get_absolute_url()).text

    for shown in [
        '<dt>Place</dt><dd>Tashkent, <a href="/en/events/?country=UZ">Uzbekistan</a></dd>',
        "<dt>Format</dt><dd>In person and online (Zoom)</dd>",
        "<dd>Pupils, teachers and youth organisations of the SCO countries (300 people)</dd>",
        '<a href="/en/people/dilnoza-karimova/">Dilnoza Karimova</a>, Deputy Minister of Public '
        "Education — Speaker",
        '<a href="/en/people/vladimir-norov/">Vladimir Norov</a>, Secretary-General, SCO '
        "Secretariat — Chair",
        'Sub-forum · <time datetime="2021-05-27">27 May 2021</time>',
        'Pupils of School No. 55, Tashkent <span class="meta">(reported)</span>',
        '<a href="/en/organisations/scholar/">SCHOLAR youth platform</a> <span class="meta">',
        "A participant; the release does not name the speaker.",
        'hreflang="ru" lang="ru">Пресс-релиз</a>',
        "<strong>Note on sources:</strong> The Russian release gives 28 May 2021",
    ]:
        assert shown in html, shown
    assert "SCO Secretary-General" not in html  # the title as stated: a position covers the day
    assert forum.editorial_note not in html
    # Sources are links by name: no address is written out in the page's text.
    main = html[html.index("<main") : html.index("</main>")]
    assert "example.org" not in re.sub(r'href="[^"]*"', "", main)


def untranslated(obj, languages):
    """The translated fields of `obj` with English text and none in one of `languages`."""
    return [
        f"{type(obj).__name__}.{field}_{language}"
        for field in translated_fields(type(obj))
        if text_in(obj, field, "en")
        for language in languages
        if not text_in(obj, field, language)
    ]


def test_demo_kunming_roundtable_is_whole_in_russian_and_chinese(demo):
    event = Event.objects.get(slug=SLUG)
    parts = [
        event,
        *event.sessions.all(),
        *event.quotes.all(),
        *event.visits.all(),
        *[link.organisation for link in event.organisation_links.all()],
        *Organisation.objects.filter(parent__slug__in=["sco", "sco-secretariat", "scholar"]),
        *event.tags.all(),
        *Tag.objects.filter(quote__event=event).distinct(),
        *Tag.objects.filter(visit__event=event).distinct(),
        Person.objects.get(slug="vladimir-norov"),
        *Person.objects.get(slug="vladimir-norov").positions.all(),
    ]

    assert [gap for part in parts for gap in untranslated(part, ["ru", "zh-hans"])] == []
    assert event.original_language == "en"
    assert (event.title_ru, event.title_zh_hans) == (
        "Развитие профессионального образования, инноваций и предпринимательства в ШОС",
        "上合组织职业教育、创新与创业发展",
    )
    norov = Person.objects.get(slug="vladimir-norov")
    assert (norov.name_en, norov.name_ru, norov.name_zh_hans) == (
        "Vladimir Norov",
        "Владимир Норов",
        "弗拉基米尔·诺罗夫",
    )
    host = Organisation.objects.get(slug="peoples-government-of-kunming")
    assert host.name_zh_hans == "昆明市人民政府"
    assert Organisation.objects.get(slug="sco-secretariat").name_ru == "Секретариат ШОС"
    # No release gives his name in Cyrillic or Chinese: shown in English, not guessed.
    chung = Person.objects.get(slug="sung-chung")
    assert (chung.name_ru, chung.name_zh_hans) == (None, None)
    assert Tag.objects.get(name_en="vocational education").name_ru == "профессиональное образование"


def test_demo_forum_is_whole_in_russian(demo):
    forum = Event.objects.get(slug="sco-youth-digital-education-forum-2021")
    parts = [
        forum,
        *forum.sessions.all(),
        *forum.quotes.all(),
        *forum.visits.all(),
        *forum.participations.all(),
        Person.objects.get(slug="dilnoza-karimova"),
        Organisation.objects.get(slug="ministry-of-public-education-uzbekistan"),
    ]

    assert [gap for part in parts for gap in untranslated(part, ["ru"])] == []
    assert forum.title_zh_hans is None


def test_demo_second_run_keeps_a_staff_translation_and_adds_none(demo):
    Event.objects.filter(slug=SLUG).update(summary_ru="Правка редактора.")
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert Event.objects.get(slug=SLUG).summary_ru == "Правка редактора."
    assert "translations" not in out.getvalue()

"""Issue 21's record on the public pages: sources, formats, titles, speakers, sessions, notes.

For each fact, the record that must be shown and the one that must not.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event, EventSource, OrganisationRole, Quote, Role, Session, Visit
from events.selectors import event_detail_queryset, participants_with_titles
from people.selectors import positions_on
from search.models import Document
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


def page(client, record):
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return response.text


def section(html, title_id):
    """The HTML of the <section> labelled by `title_id`, or "" when the page has none."""
    found = re.search(rf'<section aria-labelledby="{title_id}".*?</section>', html, re.S)
    return found[0] if found else ""


def participant_line(html, person):
    [line] = re.findall(rf'<li><a href="{person.get_absolute_url()}">.*?</li>', html)
    return line


# --- 1. Sources ------------------------------------------------------------------------


def test_sources_are_links_named_by_title_else_host_never_the_address(client):
    event = factories.EventFactory()
    EventSource.objects.create(
        event=event, url="https://www.sco.int/ru/news/20201205", language="ru", order=0
    )
    EventSource.objects.create(
        event=event,
        url="https://eng.sectsco.org/news/20201205/1.html",
        title="SCO Secretariat press release",
        language="en",
        order=1,
    )

    sources = section(page(client, event), "sources-title")

    assert (
        '<li><a href="https://www.sco.int/ru/news/20201205" rel="nofollow noopener" '
        'hreflang="ru">sco.int</a></li>'
    ) in sources
    assert (
        '<li><a href="https://eng.sectsco.org/news/20201205/1.html" rel="nofollow noopener" '
        'hreflang="en" lang="en">SCO Secretariat press release</a></li>'
    ) in sources
    assert ">https://" not in sources
    assert "Note on sources" not in sources


def test_sources_list_what_statements_and_participants_cite_beyond_the_events_own(client):
    event = factories.EventFactory()
    EventSource.objects.create(event=event, url="https://sco.int/release")
    factories.ParticipationFactory(event=event, source_url="https://kunming.gov.cn/a")
    factories.ParticipationFactory(event=event, source_url="https://sco.int/release")
    factories.QuoteFactory(event=event, source_url="https://kunming.gov.cn/a")
    factories.QuoteFactory(event=event, source_url="https://news.cn/b")

    html = page(client, event)
    sources = section(html, "sources-title")

    assert re.findall(r'<a href="([^"]+)" rel="nofollow noopener"', sources) == [
        "https://sco.int/release",
        "https://kunming.gov.cn/a",
        "https://news.cn/b",
    ]
    assert (
        '<a class="source" href="https://news.cn/b" rel="nofollow noopener">source: news.cn</a>'
    ) in section(html, "quotes-title")
    assert ">https://" not in html


def test_event_without_sources_or_note_has_no_sources_section(client):
    event = factories.EventFactory()
    factories.QuoteFactory(event=event)

    html = page(client, event)

    assert 'id="sources-title"' not in html
    assert 'class="source"' not in html


# --- 2. Titles -------------------------------------------------------------------------


def test_stated_title_is_not_shown_when_a_position_covers_the_date(client):
    event = factories.EventFactory(start_date=D(2020, 12, 5))
    person = factories.PersonFactory(name="Vladimir Norov")
    factories.PositionFactory(
        person=person,
        title="Secretary-General",
        organisation__name="SCO Secretariat",
        start_date=D(2019, 1, 1),
    )
    factories.ParticipationFactory(event=event, person=person, stated_title="SCO chief")

    line = participant_line(page(client, event), person)

    assert "Secretary-General, SCO Secretariat" in line
    assert "SCO chief" not in line


def test_stated_title_is_shown_when_no_position_covers_the_date(client):
    event = factories.EventFactory(start_date=D(2020, 12, 5))
    person = factories.PersonFactory(name="Chung Xiaowen")
    factories.PositionFactory(person=person, title="Mayor", start_date=D(2021, 1, 1))
    factories.ParticipationFactory(event=event, person=person, stated_title="Vice Mayor")

    line = participant_line(page(client, event), person)

    assert line == (
        f'<li><a href="{person.get_absolute_url()}">Chung Xiaowen</a>, '
        "Vice Mayor — Participant</li>"
    )


def test_no_title_at_all_shows_nothing_after_the_name(client):
    event = factories.EventFactory()
    person = factories.PersonFactory(name="Li Wei")
    factories.ParticipationFactory(event=event, person=person, role=Role.GUEST)

    line = participant_line(page(client, event), person)

    assert line == f'<li><a href="{person.get_absolute_url()}">Li Wei</a> — Guest</li>'


def test_position_without_organisation_shows_its_title_alone_everywhere(client):
    event = factories.EventFactory(start_date=D(2020, 12, 5))
    person = factories.PersonFactory(name="Aigerim Bek")
    factories.PositionFactory(
        person=person, organisation=None, title="Rector", start_date=None, end_date=None
    )
    factories.ParticipationFactory(event=event, person=person)

    assert ", Rector — Participant</li>" in participant_line(page(client, event), person)
    assert '<strong>Rector</strong> <span class="current">' in page(client, person)
    people = client.get(reverse("people:person_list")).text
    assert '<p class="position">Rector</p>' in people


def test_page_position_is_the_one_positions_on_chooses_among_overlapping_ones(client):
    event = factories.EventFactory(start_date=D(2020, 12, 5))
    person = factories.PersonFactory()
    factories.PositionFactory(person=person, title="Envoy", start_date=None)
    factories.PositionFactory(person=person, title="Adviser", start_date=D(2018, 1, 1))
    factories.PositionFactory(person=person, title="Minister", start_date=D(2019, 1, 1))
    factories.PositionFactory(person=person, title="Deputy", start_date=D(2019, 1, 1))
    factories.PositionFactory(person=person, title="Later", start_date=D(2021, 1, 1))
    factories.ParticipationFactory(event=event, person=person)

    [participant] = participants_with_titles(event_detail_queryset().get(pk=event.pk))

    assert participant.position == positions_on([person], event.start_date)[person.pk]
    assert participant.title == "Deputy"


def test_titles_without_the_detail_queryset_follow_the_same_rule():
    event = factories.EventFactory(start_date=D(2020, 12, 5))
    covered = factories.ParticipationFactory(event=event, stated_title="Not shown")
    factories.PositionFactory(person=covered.person, title="Minister", start_date=None)
    factories.ParticipationFactory(event=event, stated_title="Rector")
    event = Event.objects.get(pk=event.pk)

    titles = [p.title for p in participants_with_titles(event)]

    assert titles == ["Minister", "Rector"]


# --- 4. Format -------------------------------------------------------------------------


def test_online_event_shows_its_platform_and_no_place(client):
    event = factories.EventFactory(
        format=Event.Format.ONLINE, platform="Zoom", city="Beijing", country="CN", venue="Hall 1"
    )
    factories.EventFactory(tags=["youth"])
    event.tags.add("youth")

    html = page(client, event)

    assert "<dt>Format</dt><dd>Online (Zoom)</dd>" in html
    assert "<dt>Place</dt>" not in html
    assert "Beijing" not in html
    assert "Hall 1" not in html
    card_list = client.get(reverse("events:list")).text
    card = re.search(rf'<a href="{event.get_absolute_url()}">.*?</p>', card_list, re.S)[0]
    assert card.endswith(" · Online (Zoom)</p>")
    assert "Beijing" not in card


def test_hybrid_event_shows_its_place_and_platform(client):
    event = factories.EventFactory(
        format=Event.Format.HYBRID, platform="Webex", city="Kunming", country="CN", venue=""
    )

    html = page(client, event)

    assert "<dt>Place</dt><dd>Kunming, " in html
    assert "<dt>Format</dt><dd>In person and online (Webex)</dd>" in html


def test_in_person_event_shows_its_place_and_format(client):
    event = factories.EventFactory(city="Kunming", country="CN")

    html = page(client, event)

    assert "<dt>Place</dt><dd>Kunming, " in html
    assert "<dt>Format</dt><dd>In person</dd>" in html
    card_list = client.get(reverse("events:list")).text
    assert "In person" not in card_list
    assert "Kunming, China" in card_list


def test_audience_is_shown_with_its_size_when_given(client):
    with_both = factories.EventFactory(audience="students and teachers", audience_size=120)
    size_only = factories.EventFactory(audience_size=1)
    neither = factories.EventFactory()

    assert "<dt>Audience</dt><dd>students and teachers (120 people)</dd>" in page(client, with_both)
    assert "<dt>Audience</dt><dd>1 person</dd>" in page(client, size_only)
    assert "<dt>Audience</dt>" not in page(client, neither)


# --- 5. Who said it --------------------------------------------------------------------


def test_statements_name_a_person_an_organisation_a_group_or_the_note(client):
    event = factories.EventFactory()
    person = factories.PersonFactory(name="Vladimir Norov")
    organisation = factories.OrganisationFactory(name="Kunming city government")
    factories.QuoteFactory(event=event, speaker=person, text="By a person.")
    factories.QuoteFactory(
        event=event, speaker=None, speaker_organisation=organisation, text="By an organisation."
    )
    factories.QuoteFactory(
        event=event, speaker=None, speaker_group="the pupils of school No. 55", text="By a group."
    )
    factories.QuoteFactory(
        event=event, speaker=None, attribution_note="said by a participant", text="By no one."
    )

    quotes = section(page(client, event), "quotes-title")

    assert f'<a href="{person.get_absolute_url()}">Vladimir Norov</a>' in quotes
    assert f'<a href="{organisation.get_absolute_url()}">Kunming city government</a>' in quotes
    assert "\n    the pupils of school No. 55\n" in quotes
    assert "<a>the pupils" not in quotes
    assert '<span class="meta">said by a participant</span>' in quotes


def test_quote_list_lists_statements_without_a_person_and_facets_people_only(client):
    person = factories.PersonFactory(name="Vladimir Norov", slug="norov")
    organisation = factories.OrganisationFactory(name="Kunming city government")
    factories.QuoteFactory(speaker=person, text="By a person.")
    factories.QuoteFactory(speaker=None, speaker_organisation=organisation, text="By an org.")
    factories.QuoteFactory(speaker=None, speaker_group="the panel", text="By a group.")
    factories.QuoteFactory(speaker=None, attribution_note="unattributed", text="By no one.")

    response = client.get(reverse("quote_list"))

    assert response.status_code == 200
    for text in ["By a person.", "By an org.", "By a group.", "By no one."]:
        assert text in response.text
    [speakers] = [f for f in response.context["facets"] if f.name == "speaker"]
    assert [(o.value, o.label, o.count) for o in speakers.options] == [
        ("norov", "Vladimir Norov", 1)
    ]
    assert response.context["total"] == 4
    filtered = client.get(reverse("quote_list"), {"speaker": "norov"})
    assert list(filtered.context["quotes"]) == list(Quote.objects.filter(speaker=person))


def test_organisation_page_lists_what_it_said_at_published_events_only(client):
    organisation = factories.OrganisationFactory()
    factories.QuoteFactory(speaker=None, speaker_organisation=organisation, text="Said openly.")
    factories.QuoteFactory(
        speaker=None,
        speaker_organisation=organisation,
        text="Said at a draft.",
        event=factories.EventFactory(draft=True),
    )
    factories.QuoteFactory(text="Said by someone else.")

    html = page(client, organisation)

    assert "Said openly." in section(html, "statements-title")
    assert "Said at a draft." not in html
    assert "Said by someone else." not in html


# --- 6. Sessions and visits ------------------------------------------------------------


def test_participants_and_statements_name_their_session_by_title(client):
    event = factories.EventFactory(start_date=D(2020, 12, 5), end_date=D(2020, 12, 6))
    session = factories.SessionFactory(
        event=event,
        order=1,
        title="5G and Big Data",
        kind=Session.Kind.PANEL,
        date=D(2020, 12, 6),
        start_time=T(14, 0),
        end_time=T(15, 30),
    )
    person = factories.PersonFactory()
    factories.ParticipationFactory(event=event, person=person, role=Role.SPEAKER, session=session)
    factories.QuoteFactory(event=event, session=session)

    html = page(client, event)

    link = f'<a href="#session-{session.pk}">session: 5G and Big Data</a>'
    assert f"— Speaker ({link})</li>" in participant_line(html, person)
    assert f'<span class="meta">({link})</span>' in section(html, "quotes-title")
    assert "session 1" not in html
    sessions = section(html, "sessions-title")
    assert (
        '<span class="meta">Panel · <time datetime="2020-12-06">6 December 2020</time> · '
        '<time datetime="14:00">2 p.m.</time> \N{EN DASH} '
        '<time datetime="15:30">3:30 p.m.</time></span>'
    ) in sessions


def test_session_without_kind_date_or_time_shows_no_details_line(client):
    session = factories.SessionFactory(title="Opening")

    sessions = section(page(client, session.event), "sessions-title")

    assert f'<li id="session-{session.pk}"><strong>Opening</strong></li>' in sessions


def test_visits_show_their_kind_of_place(client):
    event = factories.EventFactory()
    factories.VisitFactory(event=event, place="Aviation school", place_kind=Visit.PlaceKind.SCHOOL)
    factories.VisitFactory(event=event, place="Old town", date=None, description="")

    visits = section(page(client, event), "visits-title")

    assert '<p class="meta">School · <time datetime=' in visits
    assert "<h3>Old town</h3></div>" in visits


# --- 7. Notes --------------------------------------------------------------------------

PUBLIC = "PUBLIC-NOTE-7f3a"
EDITORIAL = "EDITORIAL-NOTE-c41d"


@pytest.fixture
def noted(indexed):
    """A published event, its person (with a position) and organisation, each with both notes."""
    with indexed():
        organisation = factories.OrganisationFactory(name="Noted organisation", slug="noted-org")
        person = factories.PersonFactory(
            name="Noted person",
            slug="noted",
            public_note=f"{PUBLIC} person",
            editorial_note=f"{EDITORIAL} person",
        )
        factories.PositionFactory(
            person=person,
            organisation=organisation,
            title="Noted minister",
            start_date=None,
            public_note=f"{PUBLIC} position",
            editorial_note=f"{EDITORIAL} position",
        )
        event = factories.EventFactory(
            title="Noted forum",
            tags=["noted"],
            public_note=f"{PUBLIC} event",
            editorial_note=f"{EDITORIAL} event",
        )
        factories.ParticipationFactory(event=event, person=person)
        factories.EventOrganisationFactory(
            event=event, organisation=organisation, role=OrganisationRole.HOST
        )
        factories.QuoteFactory(event=event, speaker=person, text="Noted words", tags=["noted"])
        factories.QuoteFactory(
            event=event, speaker=None, speaker_organisation=organisation, text="Noted too"
        )
    return event, person, organisation


def test_editorial_notes_reach_no_public_page_and_public_notes_show_where_due(client, noted):
    event, person, organisation = noted
    pages = {
        "event": event.get_absolute_url(),
        "person": person.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "events": reverse("events:list"),
        "people": reverse("people:person_list"),
        "organisations": reverse("people:organisation_list"),
        "home": reverse("home"),
        "tag": event.tags.get().get_absolute_url(),
        "tags": reverse("tags:index"),
        "quotes": reverse("quote_list"),
        "search": reverse("search:search") + "?q=noted",
        "sitemap": "/sitemap.xml",
    }
    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        texts[name] = response.content.decode()

    for name, text in texts.items():
        assert EDITORIAL not in text, name
    assert f'<a href="{event.get_absolute_url()}">' in texts["search"]  # it found the event
    assert (
        f'<p class="source-note"><strong>Note on sources:</strong> {PUBLIC} event</p>'
    ) in section(texts["event"], "sources-title")
    assert (
        f'<p class="source-note"><strong>Note on sources:</strong> {PUBLIC} person</p>'
        in (texts["person"])
    )
    assert (
        f'<span class="source-note"><strong>Note on sources:</strong> {PUBLIC} position</span>'
    ) in section(texts["person"], "positions-title")
    shown = {name for name, text in texts.items() if PUBLIC in text}
    assert shown == {"event", "person"}


def test_editorial_notes_are_not_in_the_search_index(noted):
    documents = Document.objects.all()

    assert documents.exists()
    for document in documents.values():
        assert EDITORIAL not in str(document)


# --- The page's cost -------------------------------------------------------------------


def test_event_page_with_every_new_fact_stays_within_ten_queries(client):
    event = factories.EventFactory(
        tags=["youth"], format=Event.Format.HYBRID, platform="Zoom", public_note="Two dates."
    )
    factories.EventFactory(tags=["youth"])
    organisation = factories.OrganisationFactory()
    for i in range(5):
        factories.EventSourceFactory(event=event, order=i)
        session = factories.SessionFactory(event=event, kind=Session.Kind.PANEL, start_time=T(9))
        participation = factories.ParticipationFactory(
            event=event, session=session, stated_title="Rector", source_url=f"https://a.cn/{i}"
        )
        factories.PositionFactory(person=participation.person, organisation=None)
        factories.QuoteFactory(event=event, session=session, source_url=f"https://b.cn/{i}")
        factories.QuoteFactory(event=event, speaker=None, speaker_organisation=organisation)
        factories.QuoteFactory(event=event, speaker=None, speaker_group="the panel")
        factories.VisitFactory(event=event, place_kind=Visit.PlaceKind.MUSEUM)
    client.get(event.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        response = client.get(event.get_absolute_url())

    assert len(queries) <= 10
    assert len(response.context["further_sources"]) == 10

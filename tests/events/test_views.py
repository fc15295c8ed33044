import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import selectors
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def test_draft_event_page_is_404_for_the_public(client):
    draft = factories.EventFactory(draft=True, title="Secret draft")
    scheduled = factories.EventFactory(scheduled=True, title="Not yet")

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_draft_event_page_is_404_for_staff_without_change_permission(client):
    draft = factories.EventFactory(draft=True)
    client.force_login(factories.UserFactory(is_staff=True))

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_with_change_permission_preview_draft_under_banner(client):
    draft = factories.EventFactory(draft=True, title="Secret draft")
    editor = factories.UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_event"))
    client.force_login(editor)

    response = client.get(draft.get_absolute_url())

    assert response.context["event"] == draft
    assert response.context["is_preview"] is True
    assert "Draft — not public" in response.text


def test_published_event_page_has_no_banner(client):
    event = factories.EventFactory(title="Kunming roundtable")

    response = client.get(event.get_absolute_url())

    assert response.context["is_preview"] is False
    assert "<h1>Kunming roundtable</h1>" in response.text
    assert "Draft — not public" not in response.text


def test_event_page_shows_title_held_on_event_date_not_today(client):
    event = factories.EventFactory(start_date=D(2020, 12, 5), end_date=D(2020, 12, 5))
    person = factories.PersonFactory(name="Vladimir Norov")
    factories.PositionFactory(
        person=person, title="Secretary-General", start_date=D(2019, 1, 1), end_date=D(2021, 12, 31)
    )
    factories.PositionFactory(person=person, title="Ambassador", start_date=D(2022, 1, 1))
    factories.ParticipationFactory(event=event, person=person)

    response = client.get(event.get_absolute_url())

    [participant] = response.context["participants"]
    assert participant.position.title == "Secretary-General"
    assert "Secretary-General" in response.text
    assert "Ambassador" not in response.text


def add_related_rows(event, count):
    for _ in range(count):
        session = factories.SessionFactory(event=event)
        factories.QuoteFactory(event=event, session=session, tags=["education"])
        factories.VisitFactory(event=event, tags=["aviation"])
        participation = factories.ParticipationFactory(event=event, session=session)
        factories.PositionFactory(person=participation.person)
        factories.EventOrganisationFactory(event=event)
        factories.EventImageFactory(event=event)
        factories.EventFactory(tags=["youth"])  # a related event


def test_event_page_query_count_is_fixed(client):
    event = factories.EventFactory(tags=["youth"])
    add_related_rows(event, 1)
    client.get(event.get_absolute_url())  # renditions are made on the first view
    with CaptureQueriesContext(connection) as one:
        client.get(event.get_absolute_url())
    add_related_rows(event, 49)
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(event.get_absolute_url())

    assert len(one) == len(fifty) <= 10
    assert len(response.context["participants"]) == 50
    assert len(response.context["related_events"]) == 5


def test_home_query_count_is_fixed(client):
    factories.QuoteFactory(event=factories.EventFactory(tags=["youth"]))
    with CaptureQueriesContext(connection) as one:
        client.get("/en/")
    for _ in range(49):
        factories.QuoteFactory(event=factories.EventFactory(tags=["youth", "5G"]))
        factories.EventFactory(scheduled=True, tags=["youth"])
    with CaptureQueriesContext(connection) as fifty:
        client.get("/en/")

    assert len(one) == len(fifty) <= 10


def test_person_page_lists_only_published_events_and_quotes(client):
    person = factories.PersonFactory()
    public = factories.QuoteFactory(speaker=person, text="Said in public")
    factories.ParticipationFactory(person=person, event=public.event)
    draft_quote = factories.QuoteFactory(
        speaker=person, text="Said at a draft", event=factories.EventFactory(draft=True)
    )
    factories.ParticipationFactory(person=person, event=draft_quote.event)

    response = client.get(person.get_absolute_url())

    assert list(response.context["events"]) == [public.event]
    assert list(response.context["quotes"]) == [public]
    assert "Said at a draft" not in response.text
    assert draft_quote.event.title not in response.text


def test_tag_page_lists_only_published_events(client):
    public = factories.EventFactory(tags=["youth"], title="Public youth forum")
    factories.EventFactory(tags=["youth"], title="Draft youth forum", draft=True)

    response = client.get(public.tags.get().get_absolute_url())

    assert list(response.context["events"]) == [public]
    assert "Draft youth forum" not in response.text


def test_home_lists_published_events_only(client):
    public = factories.EventFactory(title="Public roundtable")
    factories.EventFactory(title="Draft roundtable", draft=True)

    response = client.get("/en/")

    assert list(response.context["latest_events"]) == [public]
    assert "Draft roundtable" not in response.text


def test_home_shows_upcoming_latest_featured_quote_and_tags_published_only(client):
    today = timezone.localdate()
    upcoming = factories.EventFactory(
        title="Coming forum", start_date=today + datetime.timedelta(10), tags=["youth"]
    )
    latest = factories.EventFactory(title="Past roundtable", tags=["youth", "5G"])
    quote = factories.QuoteFactory(event=latest, text="Cooperation matters.")
    draft = factories.EventFactory(draft=True, title="Draft gathering", tags=["secret"])
    factories.QuoteFactory(event=draft, text="Not for the public.")
    factories.EventFactory(
        scheduled=True, title="Scheduled", start_date=today + datetime.timedelta(5)
    )

    response = client.get("/en/")

    assert list(response.context["upcoming_events"]) == [upcoming]
    assert list(response.context["latest_events"]) == [latest]
    assert response.context["featured_quote"] == quote
    assert [(t.name, t.count) for t in response.context["popular_tags"]] == [
        ("youth", 2),
        ("5G", 1),
    ]
    for text in ["Draft gathering", "Not for the public.", "secret", "Scheduled"]:
        assert text not in response.text


def test_event_page_related_events_best_match_first_and_published_only(client):
    event = factories.EventFactory(tags=["youth", "5G", "education"])
    two = factories.EventFactory(title="Two shared", tags=["youth", "5G"])
    one = factories.EventFactory(title="One shared", tags=["education"])
    factories.EventFactory(title="Draft three", tags=["youth", "5G", "education"], draft=True)
    factories.EventFactory(title="Unrelated", tags=["energy"])

    response = client.get(event.get_absolute_url())

    assert list(response.context["related_events"]) == [two, one]
    assert "Draft three" not in response.text


def test_related_events_are_ranked_among_the_latest_sharing_a_tag(client, monkeypatch):
    monkeypatch.setattr(selectors, "RELATED_CANDIDATES", 2)
    event = factories.EventFactory(tags=["youth", "5G"], start_date=D(2024, 1, 1))
    factories.EventFactory(title="Old, both", tags=["youth", "5G"], start_date=D(2020, 1, 1))
    newer = factories.EventFactory(title="Newer", tags=["youth"], start_date=D(2023, 1, 1))
    newest = factories.EventFactory(title="Newest", tags=["5G"], start_date=D(2023, 6, 1))
    factories.EventFactory(
        title="Draft", tags=["youth", "5G"], start_date=D(2024, 2, 1), draft=True
    )
    factories.EventFactory(title="Unrelated", tags=["energy"], start_date=D(2025, 1, 1))

    response = client.get(event.get_absolute_url())

    # The older event sharing both tags is beyond the two latest that share one.
    assert list(response.context["related_events"]) == [newest, newer]


def test_event_page_shows_direct_and_reported_statements_differently(client):
    event = factories.EventFactory()
    factories.QuoteFactory(event=event, kind="direct", text="We cooperate.")
    factories.QuoteFactory(event=event, kind="reported", text="He noted the plan.")

    response = client.get(event.get_absolute_url())

    assert "<blockquote><p>We cooperate.</p></blockquote>" in response.text
    assert '<p class="reported">He noted the plan.</p>' in response.text


def test_unknown_event_slug_is_404_in_the_site_look(client):
    response = client.get("/en/events/no-such-event/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-nav"' in response.text


def test_addresses_in_an_event_s_body_and_visits_become_links_that_pass_no_endorsement(client):
    source = "https://eng.sectsco.org/news/20201205/" + "kunming-roundtable-" * 14
    event = factories.EventFactory(body=f"Source: {source}\n\nPaste <b>no</b> markup.")
    factories.VisitFactory(event=event, description="See www.example.org.")

    html = client.get(event.get_absolute_url()).text

    assert (
        f'<p>Source: <a href="{source}" rel="nofollow noopener">{source}</a></p>\n\n'
        "<p>Paste &lt;b&gt;no&lt;/b&gt; markup.</p>"
    ) in html
    assert (
        '<p>See <a href="http://www.example.org" rel="nofollow noopener">www.example.org</a>.</p>'
    ) in html


def test_addresses_in_a_person_s_bio_and_an_organisation_s_description_become_links(client):
    person = factories.PersonFactory(bio="Profile: https://example.org/norov")
    organisation = factories.OrganisationFactory(description="Site: https://example.org/sco")

    person_html = client.get(person.get_absolute_url()).text
    organisation_html = client.get(organisation.get_absolute_url()).text

    assert (
        '<p>Profile: <a href="https://example.org/norov" rel="nofollow noopener">'
        "https://example.org/norov</a></p>"
    ) in person_html
    assert (
        '<p>Site: <a href="https://example.org/sco" rel="nofollow noopener">'
        "https://example.org/sco</a></p>"
    ) in organisation_html

import datetime

import pytest
from django.contrib.auth.models import Permission

from secretariat import factories

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


@pytest.mark.parametrize("rows", [1, 10])
def test_event_page_query_count_is_fixed(client, django_assert_max_num_queries, rows):
    event = factories.EventFactory(tags=["youth"])
    for _ in range(rows):
        session = factories.SessionFactory(event=event)
        factories.QuoteFactory(event=event, session=session, tags=["education"])
        factories.VisitFactory(event=event, tags=["aviation"])
        participation = factories.ParticipationFactory(event=event)
        factories.PositionFactory(person=participation.person)
        factories.EventOrganisationFactory(event=event)

    with django_assert_max_num_queries(12):
        response = client.get(event.get_absolute_url())

    assert len(response.context["participants"]) == rows


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

    response = client.get("/")

    assert list(response.context["latest_events"]) == [public]
    assert "Draft roundtable" not in response.text

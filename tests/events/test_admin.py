import datetime
import io

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, Quote, Role
from tags.models import Tag
from tests import factories
from tests.admin_helpers import admin_url, event_form_data, in_english, inline_management

pytestmark = pytest.mark.django_db

# Logs are read-only, with no add page: the change log (tests/audit) and
# django-axes' records of sign-in attempts.
REGISTERED = sorted(
    (
        model
        for model in admin.site._registry
        if model is not LogEntry and model._meta.app_label != "axes"
    ),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def demo():
    """The demo content, which has a row of every model but a group."""
    call_command("load_demo", stdout=io.StringIO())
    factories.GroupFactory()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_admin_page_answers(admin_client, demo, model):
    obj = model._default_manager.order_by("pk").first()

    changelist = admin_client.get(admin_url(model, "changelist"))
    add = admin_client.get(admin_url(model, "add"))
    change = admin_client.get(admin_url(model, "change", obj.pk))

    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == model._default_manager.count()
    assert add.status_code == 200
    assert "adminform" in add.context
    assert change.status_code == 200
    assert change.context["original"] == obj


def test_event_with_sessions_quote_and_visit_created_through_admin_form(admin_client):
    speaker = factories.PersonFactory(name="Vladimir Norov")
    host = factories.OrganisationFactory(name="People's Government of Kunming")
    data = {
        "kind": "roundtable",
        "title": "Vocational education roundtable",
        "slug": "vocational-education-roundtable",
        "original_language": "en",
        "start_date": "2020-12-05",
        "end_date": "",
        "city": "Kunming",
        "country": "CN",
        "venue": "",
        "format": "in_person",
        "summary": "A roundtable.",
        "body": "The full account.",
        "tags": "Kunming, kunming, youth",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        **inline_management("sources", 0),
        **inline_management("organisation_links", 1),
        "organisation_links-0-organisation": str(host.pk),
        "organisation_links-0-role": Role.HOST,
        "organisation_links-0-order": "0",
        **inline_management("participations", 1),
        "participations-0-person": str(speaker.pk),
        "participations-0-role": Role.DELEGATION_HEAD,
        "participations-0-session": "",
        "participations-0-order": "0",
        **inline_management("sessions", 2),
        "sessions-0-order": "1",
        "sessions-0-title": "Vocational education in the information century",
        "sessions-0-description": "",
        "sessions-1-order": "2",
        "sessions-1-title": "5G and Big Data",
        "sessions-1-description": "",
        **inline_management("quotes", 1),
        "quotes-0-speaker": str(speaker.pk),
        "quotes-0-kind": "direct",
        "quotes-0-session": "",
        "quotes-0-order": "0",
        "quotes-0-text": "The SCO member countries cooperate in professional education.",
        "quotes-0-tags": "vocational education",
        **inline_management("visits", 1),
        "visits-0-place": "Two education centres",
        "visits-0-date": "2020-12-05",
        "visits-0-order": "0",
        "visits-0-description": "Aviation and agriculture.",
        "visits-0-tags": "Aviation",
        **inline_management("images", 0),
    }

    response = admin_client.post(admin_url(Event, "add"), in_english(Event, data))

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="vocational-education-roundtable")
    assert event.end_date == datetime.date(2020, 12, 5)
    assert event.status == Event.Status.DRAFT and event.published_at is None
    assert [s.title for s in event.sessions.all()] == [
        "Vocational education in the information century",
        "5G and Big Data",
    ]
    quote = event.quotes.get()
    assert (quote.speaker, quote.kind) == (speaker, Quote.Kind.DIRECT)
    assert [t.name for t in quote.tags.all()] == ["vocational education"]
    visit = event.visits.get()
    assert (visit.place, [t.name for t in visit.tags.all()]) == (
        "Two education centres",
        ["Aviation"],
    )
    assert event.participations.get().role == Role.DELEGATION_HEAD
    assert event.organisation_links.get().organisation == host
    assert sorted(t.name for t in event.tags.all()) == ["Kunming", "youth"]
    assert Tag.objects.filter(name__iexact="kunming").count() == 1


def test_event_admin_refuses_end_before_start_with_a_message(admin_client):
    data = event_form_data(title="Backwards", slug="backwards", end_date="2020-12-01")

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "The end date cannot be before the start date."
    ]
    assert not Event.objects.exists()


def test_publish_action_publishes_drafts_and_keeps_schedules(admin_client):
    draft = factories.EventFactory(draft=True)
    scheduled_time = timezone.now() + datetime.timedelta(days=2)
    scheduled_draft = factories.EventFactory(draft=True, published_at=scheduled_time)

    admin_client.post(
        admin_url(Event, "changelist"),
        {"action": "publish", "_selected_action": [draft.pk, scheduled_draft.pk]},
    )

    draft.refresh_from_db()
    scheduled_draft.refresh_from_db()
    assert draft.status == scheduled_draft.status == Event.Status.PUBLISHED
    assert draft.published_at <= timezone.now()
    assert scheduled_draft.published_at == scheduled_time
    assert list(Event.objects.published()) == [draft]


def test_unpublish_action_hides_event(admin_client):
    event = factories.EventFactory()

    admin_client.post(
        admin_url(Event, "changelist"), {"action": "unpublish", "_selected_action": [event.pk]}
    )

    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert not Event.objects.published().exists()


# A factory per registered model that builds a row with everything its change
# list shows (tags, related rows), so that an N+1 shows up as a difference.
def _event():
    event = factories.EventFactory(tags=["youth", "5G"])
    return event


def _tagged(factory):
    return lambda: factory(tags=["youth", "education"])


ROW_MAKERS = {
    "events.Event": _event,
    "events.Quote": _tagged(factories.QuoteFactory),
    "events.Session": factories.SessionFactory,
    "events.Visit": _tagged(factories.VisitFactory),
    "people.Person": lambda: factories.PositionFactory(
        person=factories.PersonFactory(tags=["youth"]), end_date=None
    ),
    "people.Organisation": lambda: factories.OrganisationFactory(
        parent=factories.OrganisationFactory(), tags=["youth"]
    ),
    "tags.Tag": lambda: factories.EventFactory(tags=[f"tag {Tag.objects.count()}"]),
    "auth.User": factories.UserFactory,
    "auth.Group": factories.GroupFactory,
}


def test_every_registered_model_has_a_row_maker():
    assert {m._meta.label for m in REGISTERED} == set(ROW_MAKERS)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_change_list_query_count_does_not_grow_with_rows(admin_client, model):
    make_row = ROW_MAKERS[model._meta.label]
    url = admin_url(model, "changelist")

    make_row()
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(url).status_code == 200
    for _ in range(29):
        make_row()
    with CaptureQueriesContext(connection) as thirty:
        response = admin_client.get(url)

    assert response.context["cl"].result_count >= 30
    assert len(thirty) == len(one), [q["sql"] for q in thirty.captured_queries]

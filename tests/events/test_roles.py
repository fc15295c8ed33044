import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.models import Event, Quote, Session
from people.models import Person
from tests import factories
from tests.admin_helpers import admin_url, event_form_data, in_english, inline_management

pytestmark = pytest.mark.django_db


def staff(role):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(client):
    client.force_login(staff("Editor"))
    return client


@pytest.fixture
def publisher(client):
    client.force_login(staff("Publisher"))
    return client


def permissions(role):
    return set(
        Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    )


def test_roles_exist_with_the_boundary_between_them():
    editor, publisher = permissions("Editor"), permissions("Publisher")

    assert ("events", "change_event") in editor
    assert ("events", "delete_session") in editor  # removing a part while editing a draft
    for forbidden in [
        ("events", "publish_event"),
        ("events", "delete_event"),
        ("people", "delete_person"),
        ("people", "delete_organisation"),
        ("tags", "delete_tag"),
    ]:
        assert forbidden not in editor
        assert forbidden in publisher
    assert editor < publisher


def test_editor_creates_a_draft(editor):
    response = editor.post(admin_url(Event, "add"), event_form_data(slug="new-draft"))

    assert response.status_code == 302
    event = Event.objects.get(slug="new-draft")
    assert (event.status, event.published_at) == (Event.Status.DRAFT, None)


def test_editor_change_form_has_no_publication_fields(editor):
    draft = factories.EventFactory(draft=True)

    response = editor.get(admin_url(Event, "change", draft.pk))

    form = response.context["adminform"].form
    assert "status" not in form.fields
    assert "published_at" not in form.fields


def test_editor_posting_status_published_leaves_a_draft(editor):
    draft = factories.EventFactory(draft=True, title="Old title")
    soon = timezone.now() + datetime.timedelta(days=1)

    response = editor.post(
        admin_url(Event, "change", draft.pk),
        event_form_data(
            draft,
            title="New title",
            status="published",
            published_at_0=soon.strftime("%Y-%m-%d"),
            published_at_1="10:00:00",
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "New title"
    assert (draft.status, draft.published_at) == (Event.Status.DRAFT, None)


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_editor_cannot_run_publication_actions(editor, action):
    draft = factories.EventFactory(draft=True)
    public = factories.EventFactory()

    response = editor.post(
        admin_url(Event, "changelist"),
        {"action": action, "_selected_action": [draft.pk, public.pk]},
    )

    assert response.status_code == 200  # the list again, with "no action selected"
    assert list(Event.objects.published()) == [public]
    assert Event.objects.get(pk=draft.pk).status == Event.Status.DRAFT


def test_editor_actions_list_offers_no_publication(editor):
    factories.EventFactory(draft=True)

    response = editor.get(admin_url(Event, "changelist"))

    # Publishing, unpublishing and deleting are all a publisher's: no action is left.
    assert response.context["action_form"] is None
    assert 'name="action"' not in response.text


@pytest.mark.parametrize(
    "make", [factories.EventFactory, lambda: factories.EventFactory(scheduled=True)]
)
def test_editor_cannot_change_a_published_or_scheduled_event(editor, make):
    event = make()
    before = Event.objects.values().get(pk=event.pk)

    page = editor.get(admin_url(Event, "change", event.pk))
    response = editor.post(
        admin_url(Event, "change", event.pk),
        event_form_data(event, title="Changed", status="draft"),
    )

    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert response.status_code == 403
    assert Event.objects.values().get(pk=event.pk) == before


def test_editor_cannot_add_parts_to_a_published_event_by_a_crafted_post(editor):
    event = factories.EventFactory()
    data = event_form_data(event, **inline_management("sessions", 1))
    data.update(
        in_english(
            Event,
            {
                "sessions-0-order": "1",
                "sessions-0-title": "Sneaked in",
                "sessions-0-description": "",
            },
        )
    )

    response = editor.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 403
    assert not Session.objects.exists()


def test_editor_adds_parts_to_a_draft(editor):
    draft = factories.EventFactory(draft=True)
    data = event_form_data(draft, **inline_management("sessions", 1))
    data.update(
        in_english(
            Event,
            {"sessions-0-order": "1", "sessions-0-title": "Opening", "sessions-0-description": ""},
        )
    )

    response = editor.post(admin_url(Event, "change", draft.pk), data)

    assert response.status_code == 302
    assert [s.title for s in draft.sessions.all()] == ["Opening"]


def test_editor_cannot_change_a_quote_of_a_published_event(editor):
    quote = factories.QuoteFactory(text="As said.")
    speaker = quote.speaker

    response = editor.post(
        admin_url(Quote, "change", quote.pk),
        {
            "event": quote.event.pk,
            "speaker": speaker.pk,
            "kind": "direct",
            "text": "Rewritten.",
            "order": "0",
            "tags": "",
        },
    )

    assert response.status_code == 403
    assert Quote.objects.get(pk=quote.pk).text == "As said."


def test_editor_cannot_attach_a_quote_to_a_published_event(editor):
    event = factories.EventFactory()
    speaker = factories.PersonFactory()

    response = editor.post(
        admin_url(Quote, "add"),
        {
            "event": event.pk,
            "speaker": speaker.pk,
            "kind": "direct",
            "text": "New.",
            "order": "0",
            "tags": "",
        },
    )

    assert response.status_code == 200
    assert "event" in response.context["adminform"].form.errors
    assert not Quote.objects.exists()


@pytest.mark.parametrize(
    "make", [factories.EventFactory, factories.PersonFactory, factories.OrganisationFactory]
)
def test_editor_cannot_delete_records(editor, make):
    obj = make()

    response = editor.post(admin_url(type(obj), "delete", obj.pk), {"post": "yes"})

    assert response.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_publisher_publishes_through_the_change_form(publisher):
    draft = factories.EventFactory(draft=True)

    response = publisher.post(
        admin_url(Event, "change", draft.pk), event_form_data(draft, status="published")
    )

    assert response.status_code == 302
    assert list(Event.objects.published()) == [draft]


def test_publisher_schedules_an_event_that_appears_when_its_time_comes(publisher, client):
    draft = factories.EventFactory(draft=True, title="Scheduled forum")
    later = timezone.localtime() + datetime.timedelta(hours=2)

    publisher.post(
        admin_url(Event, "change", draft.pk),
        event_form_data(
            draft,
            status="published",
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        ),
    )

    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED
    assert draft.published_at > timezone.now()
    assert not Event.objects.published().exists()
    # The moment passes: nothing runs, the next request simply finds it public.
    Event.objects.filter(pk=draft.pk).update(published_at=timezone.now())
    assert list(Event.objects.published()) == [draft]


def test_publisher_unpublishes_and_deletes(publisher):
    event = factories.EventFactory()
    person = factories.PersonFactory()

    publisher.post(
        admin_url(Event, "changelist"), {"action": "unpublish", "_selected_action": [event.pk]}
    )
    assert not Event.objects.published().exists()

    publisher.post(admin_url(Person, "delete", person.pk), {"post": "yes"})
    assert not Person.objects.filter(pk=person.pk).exists()


def test_preview_link_shows_the_saved_draft_as_the_public_will_see_it(editor):
    draft = factories.EventFactory(draft=True, title="Before")
    editor.post(admin_url(Event, "change", draft.pk), event_form_data(draft, title="After"))

    change_page = editor.get(admin_url(Event, "change", draft.pk))
    preview = editor.get(draft.get_absolute_url())

    assert f'href="{draft.get_absolute_url()}" class="viewsitelink" target="_blank"' in (
        change_page.text
    )
    assert ">Preview</a>" in change_page.text
    assert "<h1>After</h1>" in preview.text
    assert "Draft — not public" in preview.text


def test_published_event_has_no_preview_link(publisher):
    event = factories.EventFactory()

    response = publisher.get(admin_url(Event, "change", event.pk))

    assert ">Preview</a>" not in response.text
    assert ">View on site</a>" in response.text


def test_deleting_a_person_content_refers_to_is_refused_with_the_list(publisher):
    quote = factories.QuoteFactory(text="Cooperation matters.")
    participation = factories.ParticipationFactory(person=quote.speaker, event=quote.event)
    url = admin_url(Person, "delete", quote.speaker.pk)

    page = publisher.get(url)
    response = publisher.post(url, {"post": "yes"})

    # Django collects the protected objects in a set: their order is not fixed.
    assert sorted(page.context["protected"]) == [
        f"Participant: {participation}",
        f'Quote: <a href="{admin_url(Quote, "change", quote.pk)}">{quote}</a>',
    ]
    assert "would require deleting the following protected related objects" in page.text
    assert response.status_code == 200
    assert Person.objects.filter(pk=quote.speaker.pk).exists()


def test_deleting_an_organisation_content_refers_to_is_refused_with_the_list(publisher):
    link = factories.EventOrganisationFactory()
    url = admin_url(type(link.organisation), "delete", link.organisation.pk)

    response = publisher.post(url, {"post": "yes"})

    assert len(response.context["protected"]) == 1
    assert str(link) in response.context["protected"][0]
    assert type(link.organisation).objects.filter(pk=link.organisation.pk).exists()

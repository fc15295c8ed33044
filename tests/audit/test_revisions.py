"""Revisions (django-reversion): kept on every admin save, compared, restored, recovered."""

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from reversion.models import Version

from events.models import Event, Quote, Session, TaggedEvent
from people.models import OrganisationName, PersonName, Position
from tags.models import Tag
from tags.services import merge_tags
from tests import factories
from tests.admin_helpers import admin_url, form_as_submitted, in_english

pytestmark = pytest.mark.django_db


def staff(role, username):
    user = factories.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def publisher():
    return staff("Publisher", "paula")


@pytest.fixture
def editor():
    return staff("Editor", "edgar")


def save_through_admin(client, obj, **changes):
    """Open `obj`'s change page as `client`, change `changes`, and save, as a browser would."""
    model = type(obj)
    page = client.get(admin_url(model, "change", obj.pk))
    data = {
        **form_as_submitted(page, f"{model._meta.model_name}_form"),
        **in_english(model, changes),
    }
    response = client.post(admin_url(model, "change", obj.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def submit(client, url):
    """Open the restore (or recover) page at `url` and press Save."""
    page = client.get(url)
    assert page.status_code == 200
    form_id = f"{page.context['opts'].model_name}_form"
    return client.post(url, form_as_submitted(page, form_id))


def kept(revision):
    """{(model name, object repr)} of every record in `revision`."""
    return {
        (version.content_type.model, version.object_repr) for version in revision.version_set.all()
    }


@pytest.fixture
def event():
    """A draft with a session, a quote and a tag, whose first revision was made on creation."""
    with reversion.create_revision():
        event = factories.EventFactory(draft=True, title="Old title", tags=["Youth"])
        factories.SessionFactory(event=event, title="Opening", order=1)
        factories.QuoteFactory(event=event, text="What was said.", speaker__name="Anna Ivanova")
        reversion.add_to_revision(event)
    return event


def test_an_admin_save_keeps_the_whole_event_with_author_time_and_comment(publisher, event):
    save_through_admin(publisher, event, title="New title")

    newest = Version.objects.get_for_object(event).first().revision
    assert newest.user == publisher.user
    assert newest.comment == "Changed Title [en]."
    assert kept(newest) == {
        ("event", "New title"),
        ("session", str(Session.objects.get(event=event))),
        ("quote", str(Quote.objects.get(event=event))),
        ("taggedevent", str(TaggedEvent.objects.get(content_object=event))),
    }
    assert Version.objects.get_for_object(event).count() == 2


def test_people_and_organisations_are_kept_with_their_names_and_positions(publisher):
    with reversion.create_revision():
        organisation = factories.OrganisationFactory(name="SCO Secretariat", tags=["Education"])
        factories.OrganisationNameFactory(organisation=organisation, name="Секретариат ШОС")
        person = factories.PersonFactory(name="Vladimir Norov")
        factories.PersonNameFactory(person=person, name="Норов")
        factories.PositionFactory(person=person, organisation=organisation)

    save_through_admin(publisher, person, bio="Diplomat.")
    save_through_admin(publisher, organisation, short_name="SCO")

    person_revision = Version.objects.get_for_object(person).first().revision
    assert {model for model, _ in kept(person_revision)} == {"person", "personname", "position"}
    assert person_revision.comment == "Changed Biography [en]."
    organisation_revision = Version.objects.get_for_object(organisation).first().revision
    assert kept(organisation_revision) == {
        ("organisation", "SCO Secretariat"),
        ("organisationname", str(OrganisationName.objects.get())),
        ("taggedorganisation", str(organisation.tagged.get())),
    }
    assert PersonName.objects.count() == Position.objects.count() == 1


def test_history_lists_revisions_newest_first(publisher, editor, event):
    save_through_admin(editor, event, title="Second")
    save_through_admin(publisher, Event.objects.get(pk=event.pk), title="Third")

    page = publisher.get(admin_url(Event, "history", event.pk))

    actions = page.context["action_list"]
    assert [a["revision"].user for a in actions] == [publisher.user, editor.user, None]
    assert [a["version"].object_repr for a in actions] == ["Third", "Second", "Old title"]
    assert page.context["comparable"] is True


def test_two_revisions_compared_field_by_field(publisher, event):
    save_through_admin(publisher, event, title="New title", summary="A new summary.")
    first, second = reversed(Version.objects.get_for_object(event))

    page = publisher.get(
        admin_url(Event, "compare", event.pk),
        {"version_id1": first.pk, "version_id2": second.pk},
    )

    assert page.status_code == 200
    changed = {diff["field"].name for diff in page.context["compare_data"]}
    assert {"title", "summary"} <= changed
    assert "slug" not in changed
    html = page.content.decode()
    assert "Old title" in html and "New title" in html


def test_restoring_brings_back_the_old_text_and_parts(publisher, event):
    with reversion.create_revision():
        event.title = "Rewritten"
        event.save()
        factories.SessionFactory(event=event, title="Added later", order=2)
        Quote.objects.filter(event=event).delete()
    first = Version.objects.get_for_object(event).last()

    response = submit(publisher, admin_url(Event, "revision", event.pk, first.pk))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Old title"
    assert list(event.sessions.values_list("title", flat=True)) == ["Opening"]
    assert list(event.quotes.values_list("text", flat=True)) == ["What was said."]
    assert [tag.name for tag in event.tags.all()] == ["Youth"]
    newest = Version.objects.get_for_object(event).first().revision
    assert newest.comment.startswith("Reverted to previous version, saved on ")
    assert newest.user == publisher.user


def test_a_deleted_event_is_recovered_with_its_parts(publisher):
    # Created outside the admin, with no revision: deleting it keeps one.
    event = factories.EventFactory(title="Deleted by mistake", tags=["Youth"])
    factories.SessionFactory(event=event, title="Opening")
    pk = event.pk

    deleted = publisher.post(admin_url(Event, "delete", pk), {"post": "yes"})
    assert deleted.status_code == 302
    assert not Event.objects.filter(pk=pk).exists()

    listing = publisher.get(admin_url(Event, "recoverlist"))
    (version,) = listing.context["deleted"]
    assert version.object_repr == "Deleted by mistake"
    recovered = submit(publisher, admin_url(Event, "recover", version.pk))

    assert recovered.status_code == 302
    event = Event.objects.get(pk=pk)
    assert event.title == "Deleted by mistake"
    assert event.status == Event.Status.PUBLISHED
    assert list(event.sessions.values_list("title", flat=True)) == ["Opening"]
    assert [tag.name for tag in event.tags.all()] == ["Youth"]


def test_an_editor_cannot_restore_a_published_event_to_an_earlier_draft(editor, event):
    with reversion.create_revision():
        event.status = Event.Status.PUBLISHED
        event.full_clean()
        event.save()
    draft_version = Version.objects.get_for_object(event).last()
    url = admin_url(Event, "revision", event.pk, draft_version.pk)
    page = editor.get(url)
    data = form_as_submitted(page, "event_form")

    response = editor.post(url, data)

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert Version.objects.get_for_object(event).count() == 2


def test_an_editor_cannot_recover_an_event_that_was_published(publisher, editor):
    event = factories.EventFactory(title="Published, then deleted")
    publisher.post(admin_url(Event, "delete", event.pk), {"post": "yes"})
    (version,) = Version.objects.get_deleted(Event)
    url = admin_url(Event, "recover", version.pk)
    data = form_as_submitted(publisher.get(url), "event_form")

    response = editor.post(url, data)

    assert response.status_code == 403
    assert not Event.objects.filter(title="Published, then deleted").exists()


def test_an_editor_restores_an_earlier_version_of_a_draft(editor, event):
    save_through_admin(editor, event, title="Worse title")
    first = Version.objects.get_for_object(event).last()

    response = submit(editor, admin_url(Event, "revision", event.pk, first.pk))

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Old title"


def test_a_version_naming_a_merged_tag_is_refused_and_nothing_changes(publisher, event):
    save_through_admin(publisher, event, title="Kept title")
    merge_tags(Tag.objects.create(name="Young people"), [Tag.objects.get(name="Youth")])
    first = Version.objects.get_for_object(event).last()
    url = admin_url(Event, "revision", event.pk, first.pk)
    data = form_as_submitted(publisher.get(url), "event_form")

    response = publisher.post(url, data, follow=True)

    assert response.redirect_chain[0][0] == admin_url(Event, "history", event.pk)
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("This version cannot be restored: ")
    event.refresh_from_db()
    assert event.title == "Kept title"
    assert [tag.name for tag in event.tags.all()] == ["Young people"]


@pytest.mark.parametrize(
    ("action", "draft", "comment"),
    [("publish", True, "Published."), ("unpublish", False, "Unpublished.")],
)
def test_publishing_from_the_list_is_a_revision_and_a_log_entry(publisher, action, draft, comment):
    event = factories.EventFactory(draft=draft)

    publisher.post(
        admin_url(Event, "changelist"), {"action": action, "_selected_action": [event.pk]}
    )

    revision = Version.objects.get_for_object(event).get().revision
    assert (revision.user, revision.comment) == (publisher.user, comment)
    entry = LogEntry.objects.get(object_id=str(event.pk))
    assert (entry.user, entry.get_change_message()) == (publisher.user, comment)
    assert Event.objects.get(pk=event.pk).status == ("published" if draft else "draft")


def test_an_untouched_save_records_no_change(publisher):
    event = factories.EventFactory(draft=True, tags=["education", "Vocational training", "5G"])

    save_through_admin(publisher, event)

    assert Version.objects.get_for_object(event).get().revision.comment == "No fields changed."


def test_an_earlier_version_is_previewed_as_the_public_page_and_nothing_changes(editor, event):
    with reversion.create_revision():
        event.title = "Rewritten"
        event.status = Event.Status.PUBLISHED
        event.full_clean()
        event.save()
        Session.objects.filter(event=event).update(title="Renamed session")
    first = Version.objects.get_for_object(event).last()
    revision_page = editor.get(admin_url(Event, "revision", event.pk, first.pk))

    preview = editor.get(admin_url(Event, "preview_version", event.pk, first.pk))

    assert 'href="preview/"' in revision_page.content.decode()
    assert preview.status_code == 200
    assert preview.context["event"].title == "Old title"
    assert [s.title for s in preview.context["event"].sessions.all()] == ["Opening"]
    assert "An earlier version — not what the public sees" in preview.content.decode()
    event.refresh_from_db()
    assert (event.title, event.status) == ("Rewritten", Event.Status.PUBLISHED)
    assert list(event.sessions.values_list("title", flat=True)) == ["Renamed session"]
    public = Client().get(event.get_absolute_url())
    assert public.context["event"].title == "Rewritten"
    assert "An earlier version" not in public.content.decode()


def test_previewing_a_version_needs_staff_who_may_see_events(event):
    version = Version.objects.get_for_object(event).get()
    url = admin_url(Event, "preview_version", event.pk, version.pk)
    outsider = staff("Editor", "outsider")
    outsider.user.groups.clear()

    assert outsider.get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the admin login


def test_a_deleted_event_whose_tag_was_merged_since_is_not_recovered(publisher):
    event = factories.EventFactory(title="Deleted", tags=["Youth"])
    publisher.post(admin_url(Event, "delete", event.pk), {"post": "yes"})
    merge_tags(Tag.objects.create(name="Young people"), [Tag.objects.get(name="Youth")])
    (version,) = Version.objects.get_deleted(Event)
    url = admin_url(Event, "recover", version.pk)
    data = form_as_submitted(publisher.get(url), "event_form")

    response = publisher.post(url, data, follow=True)

    assert response.redirect_chain[0][0] == admin_url(Event, "recoverlist")
    (message,) = [str(m) for m in response.context["messages"]]
    assert message == (
        "This version cannot be restored: it refers to records deleted or merged since "
        "(Deleted — Youth). Nothing was changed."
    )
    assert not Event.objects.filter(title="Deleted").exists()

"""The index follows every change to what feeds it, through the receivers in search/signals.py."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from events.models import Event
from search.models import Document
from tags.models import Tag
from tags.services import merge_tags
from tests import factories
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

URL = "/en/search/"


def found(client, query):
    return [(r.kind, r.title) for r in client.get(URL, {"q": query}).context["results"]]


def suggested(client, query):
    results = client.get(f"{URL}suggest/", {"q": query}).json()["results"]
    return [(r["type"], r["title"]) for r in results]


def document(kind, obj):
    return Document.objects.get(kind=kind, object_id=obj.pk, language="en")


def test_a_renamed_tag_reaches_everything_it_tags(client, indexed):
    with indexed():
        event = factories.EventFactory(title="Meeting", summary="", body="", tags=["old name"])
        person = factories.PersonFactory(name="Tagged Person", bio="", tags=["old name"])
    tag = Tag.objects.get(name="old name")

    with indexed():
        tag.name = "Pelican studies"
        tag.save()

    assert "Pelican studies" in document("event", event).b_text
    assert "Pelican studies" in document("person", person).b_text
    assert document("event", event).tag_labels == [[tag.slug, "Pelican studies"]]
    assert document("person", person).tag_labels == [[tag.slug, "Pelican studies"]]
    [tags] = [f for f in client.get(URL, {"q": "meeting"}).context["facets"] if f.name == "tag"]
    assert [(option.value, option.label) for option in tags.options] == [
        (tag.slug, "Pelican studies")
    ]
    assert found(client, "old") == []
    assert sorted(found(client, "pelican")) == [
        ("event", "Meeting"),
        ("person", "Tagged Person"),
        ("tag", "Pelican studies"),
    ]


def test_merged_tags_reach_everything_they_tagged(client, indexed):
    with indexed():
        event = factories.EventFactory(title="Meeting", summary="", body="", tags=["seabirds"])
        factories.PersonFactory(name="Kept Person", bio="", tags=["Pelican studies"])
    seabirds, pelicans = Tag.objects.get(name="seabirds"), Tag.objects.get(name="Pelican studies")

    with indexed():
        merge_tags(pelicans, [seabirds])

    assert list(document("event", event).tags.values_list("name", flat=True)) == ["Pelican studies"]
    assert document("event", event).tag_labels == [[pelicans.slug, "Pelican studies"]]
    assert "Pelican studies" in document("event", event).b_text
    assert sorted(found(client, "pelican")) == [
        ("event", "Meeting"),
        ("person", "Kept Person"),
        ("tag", "Pelican studies"),
    ]
    assert found(client, "seabirds") == []


def test_adding_and_removing_a_tag_updates_the_document(indexed):
    with indexed():
        quote = factories.QuoteFactory()
    with indexed():
        quote.tags.add("cormorant")
    assert list(document("quote", quote).tags.values_list("name", flat=True)) == ["cormorant"]
    assert document("quote", quote).tag_labels == [["cormorant", "cormorant"]]

    with indexed():
        quote.tags.remove("cormorant")
    assert list(document("quote", quote).tags.all()) == []
    assert document("quote", quote).tag_labels == []
    assert "cormorant" not in document("quote", quote).b_text


def test_a_renamed_person_reaches_their_statements(indexed):
    with indexed():
        quote = factories.QuoteFactory(speaker__name="Old Name")
    with indexed():
        quote.speaker.name = "Vladimir Norov"
        quote.speaker.save()

    assert document("person", quote.speaker).title == "Vladimir Norov"
    assert document("quote", quote).title.startswith("Vladimir Norov — ")


def test_an_alternative_name_and_a_position_feed_the_person(client, indexed):
    with indexed():
        person = factories.PersonFactory(name="Vladimir Norov", bio="")
        factories.PositionFactory(person=person, title="Secretary-General")
    assert found(client, "Норов") == [("person", "Vladimir Norov")]

    with indexed():
        factories.PersonNameFactory(person=person, name="Норов")
    with indexed():
        person.alternative_names.get().delete()
    assert document("person", person).a_text == "Vladimir Norov"
    assert found(client, "Secretary-General") == [("person", "Vladimir Norov")]


def test_sessions_feed_their_event_and_follow_its_changes(indexed):
    with indexed():
        session = factories.SessionFactory(title="Grebe session", event__slug="old")
    event = session.event
    assert "Grebe session" in document("event", event).b_text

    with indexed():
        event.slug = "new"
        event.title = "Renamed event"
        event.save()
    assert document("session", session).url == f"/en/events/new/#session-{session.pk}"
    assert document("session", session).c_text == "Renamed event"

    with indexed():
        session.delete()
    assert "Grebe session" not in document("event", event).b_text
    assert not Document.objects.filter(kind="session").exists()


def test_a_country_is_found_by_its_name_in_every_language_whoever_saved_the_event(client, indexed):
    with translation.override("zh-hans"), indexed():
        event = factories.EventFactory(title="Roundtable", summary="", body="", country="KZ")
        factories.EventFactory(title="Other roundtable", summary="", body="", country="CN")

    names = ["Kazakhstan", "Казахстан", "哈萨克斯坦"]
    assert document("event", event).c_text.split("\n") == [event.city, *names]
    for query in names:
        assert found(client, query) == [("event", "Roundtable")], query


def test_a_renamed_or_deleted_session_reaches_its_statements(client, indexed):
    with indexed():
        event = factories.EventFactory(title="Yak forum", summary="", body="")
        session = factories.SessionFactory(event=event, title="Walrus panel", description="")
        quote = factories.QuoteFactory(session=session, speaker__name="Li Wei", text="Said.")

    with indexed():
        session.title = "Otter panel"
        session.save()
    assert document("quote", quote).c_text == "Li Wei\nYak forum\nOtter panel"
    assert found(client, "walrus") == []
    assert sorted(found(client, "otter")) == [
        ("event", "Yak forum"),
        ("quote", "Li Wei — Yak forum"),
        ("session", "Otter panel"),
    ]

    with indexed():
        session.delete()
    assert document("quote", quote).c_text == "Li Wei\nYak forum"
    assert found(client, "otter") == []


def test_deleting_records_deletes_their_documents(indexed):
    with indexed():
        event = factories.EventFactory()
        factories.SessionFactory(event=event)
        factories.QuoteFactory(event=event, tags=["kite"])
        factories.VisitFactory(event=event)
        person = factories.PersonFactory()
        organisation = factories.OrganisationFactory()
    # The event, its session, statement and visit, the speaker, the person, the
    # organisation and the tag.
    assert Document.objects.filter(language="en").count() == 8
    assert Document.objects.count() == 8 * 3  # and in Russian and Chinese

    with indexed():
        event.delete()
        person.delete()
        organisation.delete()
        Tag.objects.get(name="kite").delete()

    # The speaker's, in each language.
    assert sorted(Document.objects.values_list("kind", flat=True)) == ["person"] * 3


def test_a_rolled_back_change_never_reaches_the_index(indexed):
    with indexed():
        event = factories.EventFactory(title="Before")

    with indexed(), pytest.raises(RuntimeError), transaction.atomic():
        event.title = "After"
        event.save()
        raise RuntimeError

    assert document("event", event).title == "Before"


def test_search_reindex_rebuilds_what_bulk_writes_bypassed(client):
    event = factories.EventFactory(title="Bulk loaded osprey")  # its commit never came
    Document.objects.create(
        kind="event", object_id=event.pk + 1, language="en", title="stale", url="/"
    )
    Document.objects.create(kind="event", object_id=event.pk, language="de", title="x", url="/")
    out = io.StringIO()

    call_command("search_reindex", stdout=out)

    assert sorted(Document.objects.values_list("kind", "language", "title")) == [
        ("event", language, "Bulk loaded osprey") for language in ["en", "ru", "zh-hans"]
    ]
    assert found(client, "osprey") == [("event", "Bulk loaded osprey")]
    assert out.getvalue().startswith("Indexed 1 records in ")


def test_a_tag_becomes_visible_when_its_only_event_is_published_and_hidden_when_unpublished(
    client, indexed
):
    with indexed():
        event = factories.EventFactory(draft=True, title="Marmot forum", tags=["marmot-tag"])
    visible_tags = Document.objects.visible().filter(kind="tag", language="en")
    assert not visible_tags.filter(title="marmot-tag").exists()

    with indexed():
        event.status = event.Status.PUBLISHED
        event.published_at = timezone.now() - datetime.timedelta(hours=1)
        event.save()
    assert visible_tags.filter(title="marmot-tag").exists()
    assert ("tag", "marmot-tag") in [
        (r["type"], r["title"])
        for r in client.get("/en/search/suggest/", {"q": "marmot"}).json()["results"]
    ]

    with indexed():
        event.status = event.Status.DRAFT
        event.save()
    assert not visible_tags.filter(title="marmot-tag").exists()


def test_a_tag_removed_from_its_only_public_event_is_hidden(indexed):
    with indexed():
        event = factories.EventFactory(title="Bison forum", tags=["bison-tag"])
    assert Document.objects.visible().filter(kind="tag", title="bison-tag").exists()

    with indexed():
        event.tags.clear()
    assert not Document.objects.visible().filter(kind="tag", title="bison-tag").exists()


def test_a_session_moved_to_another_event_leaves_the_first(client, indexed):
    with indexed():
        first = factories.EventFactory(title="Yak forum", summary="", body="")
        second = factories.EventFactory(title="Emu forum", summary="", body="")
        session = factories.SessionFactory(event=first, title="Walrus panel", description="")

    with indexed():
        session.event = second
        session.save()

    assert sorted(found(client, "walrus")) == [
        ("event", "Emu forum"),
        ("session", "Walrus panel"),
    ]


def _delete(event, admin_client):
    event.delete()


def _delete_selected_in_the_admin(event, admin_client):
    admin_client.post(
        admin_url(Event, "changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )


@pytest.mark.parametrize("delete", [_delete, _delete_selected_in_the_admin])
def test_deleting_an_event_hides_the_tags_only_it_and_its_parts_carried(
    client, admin_client, indexed, delete
):
    with indexed():
        event = factories.EventFactory(title="Ibex forum", tags=["ibex", "ibex shared"])
        factories.QuoteFactory(event=event, text="Said.", tags=["ibex statement"])
        factories.VisitFactory(event=event, place="Somewhere", tags=["ibex visit"])
        factories.EventFactory(title="Other forum", summary="", body="", tags=["ibex shared"])

    with indexed():
        delete(event, admin_client)

    assert not Event.objects.filter(pk=event.pk).exists()
    assert sorted(found(client, "ibex")) == [("event", "Other forum"), ("tag", "ibex shared")]
    assert suggested(client, "ibex") == [("tag", "ibex shared")]
    visible_tags = Document.objects.visible().filter(kind="tag")
    assert list(visible_tags.values_list("title", flat=True)) == ["ibex shared"] * 3

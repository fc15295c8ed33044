import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from events.models import Event, Participation, Session
from people.models import Organisation, Person
from tags.models import Tag
from tests import factories
from tests.admin_helpers import (
    admin_url,
    event_form_data,
    form_as_submitted,
    in_english,
    inline_management,
)

pytestmark = pytest.mark.django_db


def staff_client(username):
    client = Client()
    client.force_login(factories.UserFactory(username=username, is_staff=True, is_superuser=True))
    return client


def opened_form(client, model, pk):
    """The change form's data as the page was served to `client` (the fields we post back)."""
    response = client.get(admin_url(model, "change", pk))
    form = response.context["adminform"].form
    return {name: form[name].value() for name in ["loaded_version"]}


def test_second_save_of_the_same_event_is_refused_with_a_way_to_see_the_first():
    event = factories.EventFactory(draft=True, title="Original")
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form = event_form_data(event, **opened_form(anna, Event, event.pk))
    boris_form = event_form_data(event, **opened_form(boris, Event, event.pk))

    first = anna.post(
        admin_url(Event, "change", event.pk), {**anna_form, "title_en": "Anna's title"}
    )
    second = boris.post(
        admin_url(Event, "change", event.pk), {**boris_form, "title_en": "Boris's title"}
    )

    assert first.status_code == 302
    assert second.status_code == 200
    errors = second.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("anna saved this event at ")
    history = admin_url(Event, "history", event.pk)
    assert f'see <a href="{history}">their change</a>' in errors[0]
    assert Event.objects.get(pk=event.pk).title == "Anna's title"
    # Boris's words are still in the form, ready to be saved deliberately.
    assert second.context["adminform"].form["title_en"].value() == "Boris's title"


def test_saving_again_after_the_warning_replaces_the_other_change():
    event = factories.EventFactory(draft=True)
    anna, boris = staff_client("anna"), staff_client("boris")
    boris_form = event_form_data(event, **opened_form(boris, Event, event.pk))
    anna.post(
        admin_url(Event, "change", event.pk),
        event_form_data(event, **opened_form(anna, Event, event.pk), title="Anna's"),
    )
    refused = boris.post(
        admin_url(Event, "change", event.pk), {**boris_form, "title_en": "Boris's"}
    )
    newer = refused.context["adminform"].form["loaded_version"].value()

    saved = boris.post(
        admin_url(Event, "change", event.pk),
        {**boris_form, "title_en": "Boris's", "loaded_version": newer},
    )

    assert saved.status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Boris's"


def test_one_editor_saving_twice_in_a_row_is_not_a_conflict():
    event = factories.EventFactory(draft=True)
    anna = staff_client("anna")

    for title in ["First", "Second"]:
        form = event_form_data(Event.objects.get(pk=event.pk), title=title)
        assert anna.post(admin_url(Event, "change", event.pk), form).status_code == 302

    assert Event.objects.get(pk=event.pk).title == "Second"


@pytest.mark.parametrize(
    ("make", "data"),
    [
        (
            factories.PersonFactory,
            lambda p: {
                "name": p.name,
                "slug": p.slug,
                "honorific": "",
                "country": "",
                "bio": "",
                "portrait_alt": "",
                "tags": "",
            },
        ),
        (
            factories.OrganisationFactory,
            lambda o: {
                "name": o.name,
                "slug": o.slug,
                "short_name": "",
                "kind": o.kind,
                "country": "",
                "website": "",
                "description": "",
                "tags": "",
            },
        ),
    ],
    ids=["person", "organisation"],
)
def test_people_and_organisations_refuse_a_stale_save(make, data):
    obj = make()
    model = type(obj)
    inlines = {
        Person: ["alternative_names", "positions"],
        Organisation: ["alternative_names"],
    }[model]
    management = {k: v for prefix in inlines for k, v in inline_management(prefix).items()}
    anna, boris = staff_client("anna"), staff_client("boris")
    stale = in_english(model, {**data(obj), **management, **opened_form(boris, model, obj.pk)})
    fresh = in_english(model, {**data(obj), **management, **opened_form(anna, model, obj.pk)})

    changed = {**fresh, "bio_en" if model is Person else "description_en": "Changed by Anna."}
    assert anna.post(admin_url(model, "change", obj.pk), changed).status_code == 302
    response = boris.post(admin_url(model, "change", obj.pk), stale)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()[0].startswith("anna saved this")


# An event with all its parts: whatever page a part is saved from, a form opened
# before on the event or on that part is refused rather than reverting it.


def opened(client, obj):
    """What `client`'s browser would post from `obj`'s change form, opened now."""
    page = client.get(admin_url(type(obj), "change", obj.pk))
    return form_as_submitted(page, f"{obj._meta.model_name}_form")


def assert_refused(response, message_start):
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith(message_start), errors[0]
    return errors[0]


@pytest.fixture
def event_with_parts():
    event = factories.EventFactory(draft=True, city="Kunming")
    factories.SessionFactory(event=event, title="Session as stored")
    factories.QuoteFactory(event=event, text="Quote as stored")
    factories.VisitFactory(event=event, place="Visit as stored")
    return event


# The part's inline, and the text changed: read as `field`, posted as its English column.
PARTS = {
    "session": ("sessions", "title"),
    "quote": ("quotes", "text"),
    "visit": ("visits", "place"),
}


@pytest.mark.parametrize("part_name", PARTS)
def test_event_form_refuses_to_revert_a_part_saved_on_its_own_page(event_with_parts, part_name):
    related, field = PARTS[part_name]
    part = getattr(event_with_parts, related).get()
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form = opened(anna, event_with_parts)

    boris_form = {**opened(boris, part), f"{field}_en": "Boris's words"}
    assert boris.post(admin_url(type(part), "change", part.pk), boris_form).status_code == 302
    response = anna.post(
        admin_url(Event, "change", event_with_parts.pk), {**anna_form, "city_en": "Tashkent"}
    )

    message = assert_refused(response, "boris saved this event at ")
    assert f'see <a href="{admin_url(Event, "history", event_with_parts.pk)}">' in message
    assert getattr(type(part).objects.get(pk=part.pk), field) == "Boris's words"
    assert Event.objects.get(pk=event_with_parts.pk).city == "Kunming"
    assert response.context["adminform"].form["city_en"].value() == "Tashkent"


def test_event_form_refuses_after_a_part_is_deleted_on_its_own_page(event_with_parts):
    session = event_with_parts.sessions.get()
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form = opened(anna, event_with_parts)

    deleted = boris.post(admin_url(Session, "delete", session.pk), {"post": "yes"})
    response = anna.post(
        admin_url(Event, "change", event_with_parts.pk), {**anna_form, "city_en": "Tashkent"}
    )

    assert deleted.status_code == 302
    assert_refused(response, "boris saved this event at ")
    assert not Session.objects.filter(pk=session.pk).exists()
    assert Event.objects.get(pk=event_with_parts.pk).city == "Kunming"


def test_event_form_refuses_after_a_program_changes_a_participant(event_with_parts):
    participation = factories.ParticipationFactory(event=event_with_parts)
    anna = staff_client("anna")
    anna_form = opened(anna, event_with_parts)

    Participation.objects.filter(pk=participation.pk).update(role="host")
    response = anna.post(
        admin_url(Event, "change", event_with_parts.pk), {**anna_form, "city_en": "Tashkent"}
    )

    assert_refused(response, "This event was changed after you opened it.")
    assert Participation.objects.get(pk=participation.pk).role == "host"


def test_a_part_saved_on_its_own_page_is_in_the_events_history(event_with_parts):
    session = event_with_parts.sessions.get()
    boris = staff_client("boris")

    boris.post(
        admin_url(Session, "change", session.pk), {**opened(boris, session), "title_en": "New"}
    )

    event_type = ContentType.objects.get_for_model(Event)
    entry = LogEntry.objects.get(content_type=event_type, object_id=str(event_with_parts.pk))
    assert entry.user.username == "boris"
    assert entry.get_change_message() == "Changed Title [en] for session “New”."


@pytest.mark.parametrize("part_name", PARTS)
def test_a_part_page_refuses_a_stale_save(event_with_parts, part_name):
    related, field = PARTS[part_name]
    part = getattr(event_with_parts, related).get()
    url = admin_url(type(part), "change", part.pk)
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form, boris_form = opened(anna, part), opened(boris, part)

    assert anna.post(url, {**anna_form, f"{field}_en": "Anna's words"}).status_code == 302
    response = boris.post(url, {**boris_form, f"{field}_en": "Boris's words"})

    assert_refused(response, f"anna saved this {part._meta.verbose_name} at ")
    assert getattr(type(part).objects.get(pk=part.pk), field) == "Anna's words"
    assert response.context["adminform"].form[f"{field}_en"].value() == "Boris's words"


def test_a_part_page_refuses_to_revert_the_part_saved_on_the_event_page(event_with_parts):
    session = event_with_parts.sessions.get()
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form = opened(anna, session)

    boris_form = {**opened(boris, event_with_parts), "sessions-0-title_en": "Boris's title"}
    assert (
        boris.post(admin_url(Event, "change", event_with_parts.pk), boris_form).status_code == 302
    )
    response = anna.post(
        admin_url(Session, "change", session.pk), {**anna_form, "description_en": "Anna's"}
    )

    message = assert_refused(response, f"boris saved the event “{event_with_parts.title}” at ")
    assert message.endswith(
        "after you opened this session. Your changes have not been saved: "
        f'see <a href="{admin_url(Event, "history", event_with_parts.pk)}">their change</a>. '
        "To keep yours instead, save again."
    )
    assert Session.objects.get(pk=session.pk).title == "Boris's title"


def test_a_part_page_save_after_a_change_elsewhere_in_the_event_is_not_refused(event_with_parts):
    session = event_with_parts.sessions.get()
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form = opened(anna, session)

    boris_form = {**opened(boris, event_with_parts), "city_en": "Tashkent"}
    assert (
        boris.post(admin_url(Event, "change", event_with_parts.pk), boris_form).status_code == 302
    )
    response = anna.post(
        admin_url(Session, "change", session.pk), {**anna_form, "title_en": "Anna's"}
    )

    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).title == "Anna's"
    assert Event.objects.get(pk=event_with_parts.pk).city == "Tashkent"


def test_the_tag_page_refuses_a_stale_save():
    tag = factories.TagFactory(name="Youth")
    url = admin_url(Tag, "change", tag.pk)
    anna, boris = staff_client("anna"), staff_client("boris")
    anna_form, boris_form = opened(anna, tag), opened(boris, tag)

    assert anna.post(url, {**anna_form, "name_en": "Young people"}).status_code == 302
    response = boris.post(url, {**boris_form, "name_en": "Youth policy"})

    assert_refused(response, "anna saved this tag at ")
    assert Tag.objects.get(pk=tag.pk).name == "Young people"

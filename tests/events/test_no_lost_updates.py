import pytest
from django.test import Client

from events.models import Event
from people.models import Organisation, Person
from secretariat import factories
from tests.admin_helpers import admin_url, event_form_data, inline_management

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

    first = anna.post(admin_url(Event, "change", event.pk), {**anna_form, "title": "Anna's title"})
    second = boris.post(
        admin_url(Event, "change", event.pk), {**boris_form, "title": "Boris's title"}
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
    assert second.context["adminform"].form["title"].value() == "Boris's title"


def test_saving_again_after_the_warning_replaces_the_other_change():
    event = factories.EventFactory(draft=True)
    anna, boris = staff_client("anna"), staff_client("boris")
    boris_form = event_form_data(event, **opened_form(boris, Event, event.pk))
    anna.post(
        admin_url(Event, "change", event.pk),
        event_form_data(event, **opened_form(anna, Event, event.pk), title="Anna's"),
    )
    refused = boris.post(admin_url(Event, "change", event.pk), {**boris_form, "title": "Boris's"})
    newer = refused.context["adminform"].form["loaded_version"].value()

    saved = boris.post(
        admin_url(Event, "change", event.pk),
        {**boris_form, "title": "Boris's", "loaded_version": newer},
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
    stale = {**data(obj), **management, **opened_form(boris, model, obj.pk)}
    fresh = {**data(obj), **management, **opened_form(anna, model, obj.pk)}

    changed = {**fresh, "bio" if model is Person else "description": "Changed by Anna."}
    assert anna.post(admin_url(model, "change", obj.pk), changed).status_code == 302
    response = boris.post(admin_url(model, "change", obj.pk), stale)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()[0].startswith("anna saved this")

"""The audit trail: the admin's change log, for publishers, filtered by person and date."""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from people.models import Person
from tags.models import Tag
from tests import factories
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

LOG = admin_url(LogEntry, "changelist")


def staff(role, username):
    user = factories.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def log(user, obj, flag, when, message=""):
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
        action_flag=flag,
        change_message=message,
        action_time=when,
    )


@pytest.fixture
def entries():
    """Anna changed an event today; Boris added a person last year and deleted a tag."""
    anna, boris = staff("Editor", "anna"), staff("Publisher", "boris")
    today = timezone.now()
    last_year = today - datetime.timedelta(days=400)
    return {
        "anna-event": log(anna, factories.EventFactory(title="Kunming"), CHANGE, today, "Edited."),
        "boris-person": log(boris, factories.PersonFactory(name="Norov"), ADDITION, last_year),
        "boris-tag": log(
            boris,
            factories.TagFactory(name="Old tag"),
            DELETION,
            last_year + datetime.timedelta(hours=1),
        ),
    }


def shown(response):
    return set(response.context["cl"].result_list)


def test_publishers_see_every_change_newest_first(entries):
    client = logged_in(staff("Publisher", "paula"))

    response = client.get(LOG)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [
        entries["anna-event"],
        entries["boris-tag"],
        entries["boris-person"],
    ]
    html = response.content.decode()
    event = Event.objects.get(title="Kunming")
    assert f'<a href="{admin_url(Event, "history", event.pk)}">Kunming</a>' in html
    assert f'<a href="{admin_url(Person, "recoverlist")}">' not in html
    assert "Edited." in html


def test_filtered_by_person(entries):
    client = logged_in(staff("Publisher", "paula"))
    boris = entries["boris-person"].user

    response = client.get(LOG, {"user__id__exact": boris.pk})

    assert shown(response) == {entries["boris-person"], entries["boris-tag"]}


def choice(response, parameter, label):
    """The link of the list filter choice `label` on a change list page, as staff click it."""
    for spec in response.context["cl"].filter_specs:
        if parameter in spec.expected_parameters()[0]:
            for option in spec.choices(response.context["cl"]):
                if option["display"] == label:
                    return option["query_string"]
    raise AssertionError(f"no filter choice {label!r}")


def test_filtered_by_date(entries):
    client = logged_in(staff("Publisher", "paula"))
    first_page = client.get(LOG)

    past_week = client.get(LOG + choice(first_page, "action_time", "Past 7 days"))
    a_year = client.get(LOG, {"action_time__year": entries["boris-person"].action_time.year})

    assert shown(past_week) == {entries["anna-event"]}
    # 400 days ago is always in another year than today.
    assert shown(a_year) == {entries["boris-person"], entries["boris-tag"]}


def test_filtered_by_person_and_kind_of_record(entries):
    client = logged_in(staff("Publisher", "paula"))
    boris = entries["boris-person"].user

    response = client.get(
        LOG,
        {
            "user__id__exact": boris.pk,
            "content_type__id__exact": ContentType.objects.get_for_model(Tag).pk,
        },
    )

    assert shown(response) == {entries["boris-tag"]}


def test_a_deleted_record_links_to_recovery_where_it_can_be_recovered(entries):
    client = logged_in(staff("Publisher", "paula"))
    event = Event.objects.get(title="Kunming")
    log(entries["anna-event"].user, event, DELETION, timezone.now())

    html = client.get(LOG).content.decode()

    # The deletion links to recovery; the earlier change, to the record's history.
    assert f'<a href="{admin_url(Event, "recoverlist")}">Kunming</a>' in html
    assert f'<a href="{admin_url(Event, "history", event.pk)}">Kunming</a>' in html


def test_the_log_is_read_only(entries):
    client = logged_in(staff("Publisher", "paula"))
    entry = entries["anna-event"]

    assert client.get(admin_url(LogEntry, "add")).status_code == 403
    assert client.post(admin_url(LogEntry, "delete", entry.pk), {"post": "yes"}).status_code == 403
    changed = client.post(admin_url(LogEntry, "change", entry.pk), {"change_message": "Forged"})
    assert changed.status_code == 403
    entry.refresh_from_db()
    assert entry.change_message == "Edited."


def test_editors_do_not_see_the_log(entries):
    client = logged_in(staff("Editor", "edgar"))

    assert client.get(LOG).status_code == 403
    index = client.get(reverse("admin:index"))
    assert "admin" not in [app["app_label"] for app in index.context["app_list"]]

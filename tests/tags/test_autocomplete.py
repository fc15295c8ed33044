import pytest
from django.urls import reverse

from events.models import Event
from tests import factories
from tests.admin_helpers import admin_url, event_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def tags(indexed):
    with indexed():
        kunming = factories.TagFactory(name="Kunming", slug="kunming")
        digital = factories.TagFactory(name="数字经济", slug="digital-economy")
        factories.TagFactory(name="Youth", slug="youth")
        # A tag of a draft only: not public, but offered to editors.
        factories.EventFactory(status=Event.Status.DRAFT).tags.add(kunming)
    return kunming, digital


def autocomplete(client, term, model_name="event"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "events", "model_name": model_name, "field_name": "tags", "term": term},
    )
    assert response.status_code == 200
    return [(result["id"], result["text"]) for result in response.json()["results"]]


@pytest.mark.parametrize("term", ["kun", "KUNMING", "Кунм", "Kunmng", "unmi"])
def test_tag_autocomplete_finds_tags_in_any_script_and_case(admin_client, tags, term):
    kunming, _digital = tags

    assert autocomplete(admin_client, term) == [(str(kunming.pk), "Kunming")]


def test_tag_autocomplete_finds_chinese_in_either_writing(admin_client, tags):
    _kunming, digital = tags

    assert autocomplete(admin_client, "數字", model_name="quote") == [(str(digital.pk), "数字经济")]


def test_tag_autocomplete_finds_nothing_unrelated(admin_client, tags):
    assert autocomplete(admin_client, "Samarkand") == []


def test_the_tag_field_is_a_text_input_the_script_enhances(admin_client):
    html = admin_client.get(admin_url(Event, "add")).content.decode()

    assert (
        '<input type="text" name="tags" aria-describedby="id_tags_helptext" id="id_tags" '
        'class="vTextField tag-autocomplete" data-autocomplete-url="/admin/autocomplete/" '
        'data-app-label="events" data-model-name="event" data-field-name="tags" lang="en">'
    ) in html
    assert '<script src="/static/tags/tag-autocomplete.js"></script>' in html
    assert '<script src="/static/admin/js/vendor/select2/select2.full.min.js"></script>' in html


def test_the_posted_names_are_still_parsed_and_normalised(admin_client, tags):
    kunming, _digital = tags

    response = admin_client.post(
        admin_url(Event, "add"), event_form_data(tags="KUNMING,  Silk   Road, kunming")
    )

    assert response.status_code == 302
    event = Event.objects.get(slug="a-new-meeting")
    assert sorted(event.tags.values_list("pk", "name")) == sorted(
        [(kunming.pk, "Kunming"), (event.tags.get(name="Silk Road").pk, "Silk Road")]
    )

"""Control characters are refused in every text field of every content record."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from events.models import Event, Quote, Session
from secretariat.validators import PlainTextFields, refuse_control_characters
from tags.models import Tag
from tests import factories
from tests.admin_helpers import admin_url, event_form_data, form_as_submitted, inline_management

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["events", "people", "tags"]


def test_every_content_model_with_text_takes_the_rule():
    with_text = [
        model
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if any(isinstance(f, models.CharField | models.TextField) for f in model._meta.fields)
    ]

    assert len(with_text) >= 12
    assert [m for m in with_text if not issubclass(m, PlainTextFields)] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Kunming\x07 roundtable",
            "Remove the invisible control character U+0007 after “Kunming”: "
            "it would break page titles, feeds and calendars.",
        ),
        (
            "A very long sentence that goes on and on\x85",
            "Remove the invisible control character U+0085 after “…sentence that goes on and on”: "
            "it would break page titles, feeds and calendars.",
        ),
        (
            "First line\r\n\x1bSecond",
            "Remove the invisible control character U+001B at the start of a line: "
            "it would break page titles, feeds and calendars.",
        ),
        ("Lone\rreturn", None),
    ],
    ids=["bell", "c1-next-line", "escape", "lone-carriage-return"],
)
def test_the_message_names_the_character_and_where_it_is(text, message):
    with pytest.raises(ValidationError) as error:
        refuse_control_characters(text)

    if message:
        assert error.value.messages == [message]
    else:
        assert error.value.messages[0].startswith("Remove the invisible control character U+000D")


@pytest.mark.parametrize("text", ["Tab\tand\nnewline", "Windows\r\nlines", "Кунмин 昆明 — ok"])
def test_tabs_newlines_and_any_script_are_accepted(text):
    refuse_control_characters(text)


def test_the_event_form_refuses_a_control_character_in_a_field_and_saves_nothing(admin_client):
    response = admin_client.post(
        admin_url(Event, "add"), event_form_data(title="Kunming\x0b roundtable")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_en"] == [
        "Remove the invisible control character U+000B after “Kunming”: "
        "it would break page titles, feeds and calendars."
    ]
    assert not Event.objects.exists()


def test_the_event_form_refuses_one_in_an_inline_and_keeps_the_stored_event(admin_client):
    event = factories.EventFactory(draft=True, title="Stored")
    page = admin_client.get(admin_url(Event, "change", event.pk))
    data = {
        **form_as_submitted(page, "event_form"),
        "title_en": "Changed",
        **inline_management("sessions", total=1),
        "sessions-0-order": "1",
        "sessions-0-title_en": "Opening\x1b[31m",
        "sessions-0-description_en": "",
    }

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 200
    sessions = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "sessions"
    )
    assert sessions.formset.errors[0]["title_en"][0].startswith(
        "Remove the invisible control character U+001B after “Opening”"
    )
    assert Event.objects.get(pk=event.pk).title == "Stored"
    assert not Session.objects.exists()


def test_a_tag_name_with_a_control_character_is_refused_in_the_tags_field(admin_client):
    response = admin_client.post(admin_url(Event, "add"), event_form_data(tags="youth, bad\x08tag"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [
        "Remove the invisible control character U+0008 after “bad”: "
        "it would break page titles, feeds and calendars."
    ]
    assert not Tag.objects.exists()


def test_the_quote_page_refuses_a_c1_control_character(admin_client):
    quote = factories.QuoteFactory(event=factories.EventFactory(draft=True), text="Stored")
    page = admin_client.get(admin_url(Quote, "change", quote.pk))
    data = {**form_as_submitted(page, "quote_form"), "text_en": "Said\x85 so"}

    response = admin_client.post(admin_url(Quote, "change", quote.pk), data)

    assert response.context["adminform"].form.errors["text_en"] == [
        "Remove the invisible control character U+0085 after “Said”: "
        "it would break page titles, feeds and calendars."
    ]
    assert Quote.objects.get(pk=quote.pk).text == "Stored"


def test_tabs_and_line_breaks_from_a_browser_are_saved(admin_client):
    body = "First paragraph.\r\n\r\n\tSecond, indented."

    response = admin_client.post(admin_url(Event, "add"), event_form_data(body=body))

    assert response.status_code == 302
    assert Event.objects.get().body == body

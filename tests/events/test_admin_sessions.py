"""The event form links participants and quotes to sessions, new ones included, in one save."""

import datetime

import pytest
from reversion.models import Version

from events.models import Event, Participation, Quote, Role, Session
from tests import factories
from tests.admin_helpers import (
    admin_url,
    event_form_data,
    form_as_submitted,
    in_english,
    inline_management,
)

pytestmark = pytest.mark.django_db


def session_rows(*titles, initial=0):
    data = inline_management("sessions", len(titles), initial)
    for index, title in enumerate(titles):
        data |= {
            f"sessions-{index}-order": str(index + 1),
            f"sessions-{index}-title": title,
            f"sessions-{index}-kind": "",
            f"sessions-{index}-date": "",
            f"sessions-{index}-start_time": "",
            f"sessions-{index}-end_time": "",
            f"sessions-{index}-description": "",
        }
    return data


def quote_row(index, speaker, session, text="Vocational education matters."):
    return {
        f"quotes-{index}-speaker": str(speaker.pk),
        f"quotes-{index}-speaker_organisation": "",
        f"quotes-{index}-speaker_group": "",
        f"quotes-{index}-kind": "reported",
        f"quotes-{index}-session": session,
        f"quotes-{index}-order": str(index),
        f"quotes-{index}-text": text,
        f"quotes-{index}-attribution_note": "",
        f"quotes-{index}-source_url": "",
        f"quotes-{index}-tags": "",
    }


def participation_row(index, person, session, role=Role.SPEAKER):
    return {
        f"participations-{index}-person": str(person.pk),
        f"participations-{index}-role": role,
        f"participations-{index}-stated_title": "",
        f"participations-{index}-session": session,
        f"participations-{index}-source_url": "",
        f"participations-{index}-order": str(index),
    }


def new_event_with_links(speaker, session_ref="new-1", **extra):
    return event_form_data(
        title="Vocational education roundtable",
        slug="vocational-education-roundtable",
        **session_rows("Information century", "5G and Big Data")
        | inline_management("quotes", 1)
        | quote_row(0, speaker, session_ref)
        | inline_management("participations", 1)
        | participation_row(0, speaker, session_ref)
        | extra,
    )


def row_errors(response, formset_prefix):
    formset = next(
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == formset_prefix
    )
    return [form.errors for form in formset.formset.forms]


def test_new_event_links_a_quote_and_a_participant_to_a_new_session_in_one_save(admin_client):
    speaker = factories.PersonFactory(name="Vladimir Norov")

    response = admin_client.post(admin_url(Event, "add"), new_event_with_links(speaker))

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="vocational-education-roundtable")
    first, second = event.sessions.order_by("order")
    assert (first.title, second.title) == ("Information century", "5G and Big Data")
    quote = event.quotes.get()
    participation = event.participations.get()
    assert (quote.session, participation.session) == (second, second)
    assert (participation.person, participation.role) == (speaker, Role.SPEAKER)
    # One revision holds the event, its sessions and the linked rows as saved.
    version = Version.objects.get_for_object(event).get()
    versions = version.revision.version_set.all()
    saved = {(v.content_type.model, v.object_id): v.field_dict for v in versions}
    assert saved[("quote", str(quote.pk))]["session_id"] == second.pk
    assert saved[("participation", str(participation.pk))]["session_id"] == second.pk
    assert ("session", str(second.pk)) in saved


def test_a_reference_to_a_removed_new_session_row_is_refused_and_nothing_saved(admin_client):
    speaker = factories.PersonFactory()
    data = new_event_with_links(speaker, **{"sessions-1-DELETE": "on"})

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    refused = "This new session is being removed: choose another session or none."
    assert row_errors(response, "quotes") == [{"session": [refused]}]
    assert row_errors(response, "participations") == [{"session": [refused]}]
    assert not Event.objects.exists()
    assert not Session.objects.exists() and not Quote.objects.exists()


@pytest.mark.parametrize(
    ("session_ref", "message"),
    [
        ("new-7", "There is no such new session on this page."),
        ("new-x", "Select a valid choice. That choice is not one of the available choices."),
    ],
)
def test_a_reference_to_no_session_row_is_refused(admin_client, session_ref, message):
    speaker = factories.PersonFactory()

    response = admin_client.post(
        admin_url(Event, "add"), new_event_with_links(speaker, session_ref=session_ref)
    )

    assert response.status_code == 200
    assert row_errors(response, "quotes") == [{"session": [message]}]
    assert not Event.objects.exists()


def test_a_reference_to_an_untitled_new_session_row_is_refused(admin_client):
    speaker = factories.PersonFactory()
    data = new_event_with_links(speaker, **{"sessions-1-title": "", "sessions-1-order": ""})

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    assert row_errors(response, "quotes") == [
        {"session": ["This new session has no title: give it one, or choose another session."]}
    ]
    assert not Event.objects.exists()


def test_a_refused_save_offers_the_new_session_again_and_keeps_the_choice(admin_client):
    speaker = factories.PersonFactory()
    # Refused for another reason: the end date is before the start.
    data = new_event_with_links(speaker, end_date="2020-12-01")

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    html = response.text
    assert '<option value="new-0">1. Information century</option>' in html
    assert '<option value="new-1" selected>2. 5G and Big Data</option>' in html


def test_editing_an_event_links_to_a_saved_and_to_a_new_session(admin_client):
    event = factories.EventFactory(draft=True, start_date=datetime.date(2020, 12, 5))
    saved = factories.SessionFactory(event=event, order=1, title="Information century")
    speaker = factories.PersonFactory()
    form = admin_client.get(admin_url(Event, "change", event.pk))
    data = form_as_submitted(form, "event_form")
    data |= in_english(
        Event,
        inline_management("sessions", 2, 1)
        | {
            "sessions-1-order": "2",
            "sessions-1-title": "5G and Big Data",
            **inline_management("quotes", 2),
            **quote_row(0, speaker, str(saved.pk), text="On the information century."),
            **quote_row(1, speaker, "new-1", text="On 5G."),
        },
    )

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    new = event.sessions.get(title="5G and Big Data")
    assert [(q.text, q.session) for q in event.quotes.order_by("order")] == [
        ("On the information century.", saved),
        ("On 5G.", new),
    ]


def test_a_changed_participant_cannot_stay_in_a_session_deleted_in_the_same_save(admin_client):
    event = factories.EventFactory(draft=True)
    session = factories.SessionFactory(event=event, order=1)
    participation = factories.ParticipationFactory(session=session, role=Role.SPEAKER)
    form = admin_client.get(admin_url(Event, "change", event.pk))
    data = form_as_submitted(form, "event_form")
    data |= {"sessions-0-DELETE": "on", "participations-0-role": Role.MODERATOR}

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 200
    assert row_errors(response, "participations") == [
        {"session": ["This session is being deleted: choose another session or none."]}
    ]
    assert Participation.objects.get().role == Role.SPEAKER
    assert Session.objects.get() == session == participation.session


def test_a_session_date_outside_a_new_events_dates_is_refused(admin_client):
    data = event_form_data(
        start_date="2020-12-05",
        end_date="2020-12-06",
        **session_rows("Opening", "Field trip")
        | {"sessions-0-date": "2020-12-06", "sessions-1-date": "2020-12-07"},
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    assert row_errors(response, "sessions") == [
        {},
        {"date": ["This date is outside the event's dates."]},
    ]
    assert not Event.objects.exists()


def test_a_session_date_outside_a_saved_events_new_dates_is_refused(admin_client):
    event = factories.EventFactory(
        draft=True, start_date=datetime.date(2020, 12, 5), end_date=datetime.date(2020, 12, 7)
    )
    factories.SessionFactory(event=event, date=datetime.date(2020, 12, 7))
    form = admin_client.get(admin_url(Event, "change", event.pk))
    data = form_as_submitted(form, "event_form") | {"end_date": "2020-12-06"}

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 200
    assert row_errors(response, "sessions") == [
        {"date": ["This date is outside the event's dates."]}
    ]
    event.refresh_from_db()
    assert event.end_date == datetime.date(2020, 12, 7)


def test_the_quote_rows_offer_a_new_organisation_in_a_pop_up(admin_client):
    response = admin_client.get(admin_url(Event, "add"))

    html = response.text
    for field in ["quotes-__prefix__-speaker_organisation", "quotes-__prefix__-speaker"]:
        assert f'id="add_id_{field}"' in html
    assert 'id="add_id_participations-__prefix__-person"' in html
    assert 'id="add_id_organisation_links-__prefix__-organisation"' in html
    # Sessions are chosen, not created, from a row.
    assert 'id="add_id_quotes-__prefix__-session"' not in html
    assert "js/event-sessions.js" in html


@pytest.mark.parametrize("session_ref", ["", "new-1"], ids=["at-the-event", "in-a-new-session"])
def test_the_same_person_twice_in_one_role_and_session_is_a_form_error(admin_client, session_ref):
    speaker = factories.PersonFactory()
    data = new_event_with_links(
        speaker,
        session_ref=session_ref,
        **inline_management("participations", 2)
        | participation_row(0, speaker, session_ref)
        | participation_row(1, speaker, session_ref),
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert response.status_code == 200
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "participations"
    )
    assert formset.non_form_errors() == [
        "This person is listed twice in this role and session: remove one row."
    ]
    assert not Event.objects.exists() and not Participation.objects.exists()

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, Participation, Role
from tests.factories import (
    EventFactory,
    ParticipationFactory,
    PersonFactory,
    QuoteFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_event_end_before_start_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(start_date=datetime.date(2020, 12, 5), end_date=datetime.date(2020, 12, 4))

    assert not Event.objects.exists()


def test_event_end_before_start_refused_by_validation():
    event = EventFactory.build(
        start_date=datetime.date(2020, 12, 5), end_date=datetime.date(2020, 12, 4)
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.messages == ["The end date cannot be before the start date."]


def test_event_without_end_date_ends_on_its_start_date():
    event = EventFactory.build(start_date=datetime.date(2020, 12, 5), end_date=None)

    event.full_clean()

    assert event.end_date == datetime.date(2020, 12, 5)


def test_event_duplicate_slug_refused():
    EventFactory(slug="kunming-roundtable")

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(slug="kunming-roundtable")

    assert Event.objects.filter(slug="kunming-roundtable").count() == 1


def test_event_published_without_time_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(status=Event.Status.PUBLISHED, published_at=None)


def test_event_published_without_time_gets_one_on_validation():
    event = EventFactory.build(status=Event.Status.PUBLISHED, published_at=None)

    before = timezone.now()
    event.full_clean()

    assert before <= event.published_at <= timezone.now()


def test_published_excludes_draft_and_future_includes_past():
    public = EventFactory(published_at=timezone.now() - datetime.timedelta(minutes=1))
    EventFactory(draft=True)
    EventFactory(status=Event.Status.DRAFT, published_at=timezone.now() - datetime.timedelta(1))
    EventFactory(scheduled=True)

    assert list(Event.objects.published()) == [public]


def test_published_includes_scheduled_event_once_its_time_has_come():
    event = EventFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert not Event.objects.published().exists()

    event.published_at = timezone.now() - datetime.timedelta(seconds=1)
    event.save()

    assert list(Event.objects.published()) == [event]


def test_upcoming_and_past_split_on_end_date():
    today = timezone.localdate()
    finished = EventFactory(
        start_date=today - datetime.timedelta(5), end_date=today - datetime.timedelta(1)
    )
    running = EventFactory(
        start_date=today - datetime.timedelta(1), end_date=today + datetime.timedelta(1)
    )
    coming = EventFactory(
        start_date=today + datetime.timedelta(3), end_date=today + datetime.timedelta(3)
    )

    assert list(Event.objects.upcoming()) == [running, coming]
    assert list(Event.objects.past()) == [finished]


def test_quote_session_of_another_event_refused():
    quote = QuoteFactory()
    quote.session = SessionFactory()

    with pytest.raises(ValidationError) as error:
        quote.full_clean()

    assert error.value.message_dict["session"] == ["This session belongs to another event."]


def test_absolute_urls_point_to_event_page_and_anchor():
    quote = QuoteFactory(event__slug="kunming")
    session = SessionFactory(event=quote.event)

    assert quote.event.get_absolute_url() == "/en/events/kunming/"
    assert quote.get_absolute_url() == f"/en/events/kunming/#quote-{quote.pk}"
    assert session.get_absolute_url() == f"/en/events/kunming/#session-{session.pk}"


def test_deleting_a_session_removes_its_roles_and_keeps_the_event_roles():
    event = EventFactory()
    session = SessionFactory(event=event)
    person = PersonFactory()
    at_event = ParticipationFactory(event=event, person=person, role=Role.SPEAKER)
    ParticipationFactory(event=event, person=person, role=Role.SPEAKER, session=session)
    quote = QuoteFactory(event=event, session=session)

    session.delete()

    assert list(Participation.objects.filter(person=person)) == [at_event]
    quote.refresh_from_db()
    assert quote.session is None
    assert quote.event == event


def test_public_from_is_the_published_rule_read_against_a_time():
    past = EventFactory()
    scheduled = EventFactory(scheduled=True)
    draft = EventFactory(draft=True)
    unpublished_with_time = EventFactory(status=Event.Status.DRAFT)
    now = timezone.now()

    assert past.public_from == past.published_at
    assert scheduled.public_from == scheduled.published_at
    assert draft.public_from is None
    assert unpublished_with_time.public_from is None
    public = {
        event
        for event in (past, scheduled, draft, unpublished_with_time)
        if event.public_from is not None and event.public_from <= now
    }
    assert public == set(Event.objects.published()) == {past}

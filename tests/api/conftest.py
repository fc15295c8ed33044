import datetime
from types import SimpleNamespace

import pytest
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.utils import timezone

from events.models import Event, Quote, Role
from people.models import Organisation
from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    QuoteFactory,
    SessionFactory,
    TagFactory,
    VisitFactory,
)


@pytest.fixture(autouse=True)
def _no_rate_limit_history():
    """Requests of earlier tests, counted in the cache, must not bring the rate limit nearer."""
    cache.clear()


@pytest.fixture
def site_url():
    """Where the API says the public pages are: the current Site's domain."""
    return f"http://{Site.objects.get_current().domain}"


def iso(moment):
    """A datetime as the API writes it (DRF: ISO 8601, UTC as "Z")."""
    return timezone.localtime(moment).isoformat().replace("+00:00", "Z")


@pytest.fixture
def record():
    """The Kunming roundtable and a later meeting (public), and a draft and a scheduled event.

    The hidden events carry a tag of their own, Norov as participant and
    speaker, and the Secretariat as organiser, so that any list, count or
    nested item that let them through would show it.
    """
    youth = TagFactory(name="youth", slug="youth")
    education = TagFactory(name="vocational education", slug="vocational-education")
    hidden_tag = TagFactory(name="hidden plans", slug="hidden-plans")
    secretariat = OrganisationFactory(
        name="SCO Secretariat",
        slug="sco-secretariat",
        short_name="SCO",
        kind=Organisation.Kind.BODY,
        country="",
    )
    kunming = OrganisationFactory(
        name="People's Government of Kunming",
        slug="kunming-government",
        kind=Organisation.Kind.LOCAL_GOVERNMENT,
        country="CN",
        parent=None,
    )
    norov = PersonFactory(name="Vladimir Norov", slug="vladimir-norov", country="UZ")
    norov_position = PositionFactory(
        person=norov,
        organisation=secretariat,
        title="Secretary-General",
        start_date=datetime.date(2019, 1, 1),
        end_date=None,
    )
    mayor = PersonFactory(name="Wang Xi", slug="wang-xi", country="CN")

    roundtable = EventFactory(
        kind=Event.Kind.ROUNDTABLE,
        title="Kunming roundtable",
        slug="kunming-roundtable",
        start_date=datetime.date(2020, 12, 5),
        city="Kunming",
        country="CN",
        venue="",
        summary="Vocational education, innovation and entrepreneurship.",
        body="The roundtable was held in Kunming.",
        tags=["youth", "vocational education"],
    )
    session = SessionFactory(event=roundtable, order=1, title="5G and Big Data", description="")
    ParticipationFactory(event=roundtable, person=norov, role=Role.DELEGATION_HEAD)
    ParticipationFactory(event=roundtable, person=mayor, role=Role.SPEAKER, session=session)
    EventOrganisationFactory(event=roundtable, organisation=kunming, role=Role.HOST)
    quote = QuoteFactory(
        event=roundtable,
        session=session,
        speaker=norov,
        kind=Quote.Kind.DIRECT,
        text="Youth is our future.",
        tags=["youth"],
    )
    visit = VisitFactory(
        event=roundtable,
        place="Kunming aviation school",
        description="Training centre.",
        date=datetime.date(2020, 12, 5),
        tags=["vocational education"],
    )
    meeting = EventFactory(
        kind=Event.Kind.MEETING,
        title="Moscow meeting",
        slug="moscow-meeting",
        start_date=datetime.date(2021, 3, 1),
        city="Moscow",
        country="RU",
        tags=["youth"],
    )

    hidden = [
        EventFactory(draft=True, slug="draft-event", tags=["hidden plans", "youth"]),
        EventFactory(scheduled=True, slug="scheduled-event", tags=["hidden plans", "youth"]),
    ]
    for event in hidden:
        ParticipationFactory(event=event, person=norov, role=Role.SPEAKER)
        EventOrganisationFactory(event=event, organisation=secretariat, role=Role.ORGANISER)
        QuoteFactory(event=event, speaker=norov, text="Not yet public.", tags=["hidden plans"])
    return SimpleNamespace(
        youth=youth,
        education=education,
        hidden_tag=hidden_tag,
        secretariat=secretariat,
        kunming=kunming,
        norov=norov,
        norov_position=norov_position,
        mayor=mayor,
        roundtable=roundtable,
        session=session,
        quote=quote,
        visit=visit,
        meeting=meeting,
        hidden=hidden,
    )

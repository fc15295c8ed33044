import datetime

import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from tests.factories import (
    EventFactory,
    EventOrganisationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    QuoteFactory,
    TagFactory,
)


@pytest.fixture
def site_url():
    """Where feeds, calendars and the sitemap say the site is: the current Site's domain."""
    Site.objects.clear_cache()
    return f"http://{Site.objects.get_current().domain}"


@pytest.fixture
def record():
    """Two public events and two hidden ones, each linked to one tag, person and organisation.

    The draft and the scheduled event carry the same tag, person, organisation
    and a statement by that person, so every feed would show them if it let
    them through.
    """
    now = timezone.now()
    tag = TagFactory(name="youth", slug="youth")
    person = PersonFactory(name="Vladimir Norov", slug="vladimir-norov")
    organisation = OrganisationFactory(name="SCO Secretariat", slug="sco-secretariat")
    older = EventFactory(
        title="Older roundtable",
        slug="older-roundtable",
        start_date=datetime.date(2020, 12, 5),
        end_date=datetime.date(2020, 12, 5),
        city="Kunming",
        country="CN",
        venue="",
        summary="Vocational education in the information century.",
        published_at=now - datetime.timedelta(days=30),
        tags=["youth", "5G"],
    )
    newer = EventFactory(
        title="Newer forum",
        slug="newer-forum",
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 3, 3),
        city="Dushanbe",
        country="TJ",
        venue="Palace of Nations",
        summary="Youth and innovation.",
        published_at=now - datetime.timedelta(days=2),
        tags=["youth"],
    )
    # "unreleased" is used only by the hidden events: it is in no public use.
    draft = EventFactory(title="Draft meeting", draft=True, tags=["youth", "unreleased"])
    scheduled = EventFactory(title="Scheduled summit", scheduled=True, tags=["youth", "unreleased"])
    for event in (older, newer, draft, scheduled):
        ParticipationFactory(event=event, person=person)
        EventOrganisationFactory(event=event, organisation=organisation)
        QuoteFactory(event=event, speaker=person, text=f"Said at {event.title}.")
    return {
        "tag": tag,
        "person": person,
        "organisation": organisation,
        "older": older,
        "newer": newer,
        "draft": draft,
        "scheduled": scheduled,
    }

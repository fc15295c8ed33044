import datetime

import factory
import pytest

from events.models import Role
from secretariat.renditions import share_rendition
from tests import factories
from tests.structured_data.helpers import get_head, site_url

pytestmark = pytest.mark.django_db

D = datetime.date


def organisation_node(name, slug):
    return {"@type": "Organization", "name": name, "url": site_url(f"/en/organisations/{slug}/")}


@pytest.fixture
def norov():
    norov = factories.PersonFactory(name="Vladimir Norov", slug="vladimir-norov", honorific="Mr")
    factories.PersonNameFactory(person=norov, name="Владимир Норов", language="ru")
    factories.PersonNameFactory(person=norov, name="Norov Vladimir", language="en")
    return norov


def test_person_has_current_title_organisation_and_other_names(client, norov):
    secretariat = factories.OrganisationFactory(name="SCO Secretariat", slug="secretariat")
    ministry = factories.OrganisationFactory(name="Ministry", slug="ministry")
    institute = factories.OrganisationFactory(name="Institute", slug="institute")
    for title, organisation, start, end in [
        ("Minister", ministry, D(2010, 1, 1), D(2018, 12, 31)),  # past
        ("Board member", institute, D(2015, 1, 1), None),  # current, begun earlier
        ("Secretary-General", secretariat, D(2019, 1, 1), None),  # current, begun last
    ]:
        factories.PositionFactory(
            person=norov, organisation=organisation, title=title, start_date=start, end_date=end
        )

    head = get_head(client, norov.get_absolute_url())

    [block] = head.data
    assert block == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Vladimir Norov",
        "url": site_url("/en/people/vladimir-norov/"),
        "jobTitle": "Secretary-General",
        "affiliation": organisation_node("SCO Secretariat", "secretariat"),
        "honorificPrefix": "Mr",
        "alternateName": ["Norov Vladimir", "Владимир Норов"],
    }


def test_person_without_current_position_has_no_title(client):
    person = factories.PersonFactory()
    factories.PositionFactory(person=person, start_date=D(2010, 1, 1), end_date=D(2012, 1, 1))

    node = get_head(client, person.get_absolute_url()).node("Person")

    assert not {"jobTitle", "affiliation", "alternateName", "image", "honorificPrefix"} & set(node)


def test_position_without_organisation_is_a_title_without_affiliation(client):
    person = factories.PersonFactory(slug="rector")
    factories.PositionFactory(person=person, organisation=None, title="Rector", start_date=None)

    node = get_head(client, person.get_absolute_url()).node("Person")

    assert node["jobTitle"] == "Rector"
    assert "affiliation" not in node


def test_person_portrait_is_the_image_and_the_link_preview(client):
    person = factories.PersonFactory(
        portrait=factory.django.ImageField(width=60, height=80),
        portrait_alt="Head and shoulders of a man in a dark suit",
    )

    head = get_head(client, person.get_absolute_url())

    portrait = site_url(share_rendition(person.portrait).url)
    assert portrait.startswith(site_url("/media/renditions/"))
    assert head.node("Person")["image"] == {
        "@type": "ImageObject",
        "url": portrait,
        "width": 60,
        "height": 80,
        "caption": "Head and shoulders of a man in a dark suit",
    }
    assert head.one("og:image") == portrait
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("60", "80")
    assert head.one("og:image:alt") == "Head and shoulders of a man in a dark suit"
    assert head.one("og:type") == "profile"
    assert head.one("twitter:card") == "summary_large_image"


def test_person_structured_data_holds_no_hidden_event(client, norov):
    draft = factories.EventFactory(title="Draft meeting", draft=True)
    scheduled = factories.EventFactory(title="Scheduled summit", scheduled=True)
    for event in (draft, scheduled):
        factories.ParticipationFactory(event=event, person=norov, role=Role.SPEAKER)
        factories.QuoteFactory(event=event, speaker=norov, text=f"Said at {event.title}")

    head = get_head(client, norov.get_absolute_url())

    [raw] = head.json_ld
    for hidden in ("Draft meeting", "Scheduled summit", draft.slug, scheduled.slug):
        assert hidden not in raw


def test_organisation_has_other_names_parent_parts_website_and_public_events(client):
    sco = factories.OrganisationFactory(name="Shanghai Cooperation Organisation", slug="sco")
    secretariat = factories.OrganisationFactory(
        name="SCO Secretariat",
        slug="secretariat",
        short_name="SCO RATS",
        parent=sco,
        website="https://eng.sectsco.org/",
        description="The permanent body.",
    )
    factories.OrganisationNameFactory(organisation=secretariat, name="Секретариат ШОС")
    factories.OrganisationFactory(name="SCHOLAR", slug="scholar", parent=secretariat)
    older = factories.EventFactory(title="Older", slug="older", start_date=D(2020, 12, 5))
    newer = factories.EventFactory(title="Newer", slug="newer", start_date=D(2021, 3, 1))
    draft = factories.EventFactory(title="Draft meeting", draft=True)
    scheduled = factories.EventFactory(title="Scheduled summit", scheduled=True)
    for event in (older, newer, draft, scheduled):
        factories.EventOrganisationFactory(event=event, organisation=secretariat, role=Role.HOST)

    head = get_head(client, secretariat.get_absolute_url())

    [block] = head.data
    assert block == {
        "@context": "https://schema.org",
        **organisation_node("SCO Secretariat", "secretariat"),
        "alternateName": ["SCO RATS", "Секретариат ШОС"],
        "description": "The permanent body.",
        "sameAs": "https://eng.sectsco.org/",
        "parentOrganization": organisation_node("Shanghai Cooperation Organisation", "sco"),
        "subOrganization": [organisation_node("SCHOLAR", "scholar")],
        "event": [
            {
                "@type": "Event",
                "name": "Newer",
                "url": site_url("/en/events/newer/"),
                "startDate": "2021-03-01",
            },
            {
                "@type": "Event",
                "name": "Older",
                "url": site_url("/en/events/older/"),
                "startDate": "2020-12-05",
            },
        ],
    }
    assert "Draft meeting" not in head.json_ld[0]
    assert "Scheduled summit" not in head.json_ld[0]


def test_organisation_without_links_is_name_and_url_only(client):
    organisation = factories.OrganisationFactory(name="Youth organisations", slug="youth")

    [block] = get_head(client, organisation.get_absolute_url()).data

    assert block == {
        "@context": "https://schema.org",
        **organisation_node("Youth organisations", "youth"),
    }

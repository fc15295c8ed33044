import datetime

import factory
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from events.models import Role
from people.models import Organisation, Person, Position
from tests.factories import (
    EventOrganisationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def test_person_who_took_part_cannot_be_deleted():
    participation = ParticipationFactory(role=Role.DELEGATION_HEAD)

    with pytest.raises(ProtectedError):
        participation.person.delete()

    assert Person.objects.filter(pk=participation.person.pk).exists()


def test_person_who_is_quoted_cannot_be_deleted():
    quote = QuoteFactory()

    with pytest.raises(ProtectedError):
        quote.speaker.delete()

    assert Person.objects.filter(pk=quote.speaker.pk).exists()


def test_person_nobody_refers_to_is_deleted_with_positions():
    position = PositionFactory()

    position.person.delete()

    assert not Person.objects.exists()
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    "refer",
    [
        lambda org: EventOrganisationFactory(organisation=org),
        lambda org: PositionFactory(organisation=org),
        lambda org: OrganisationFactory(parent=org),
    ],
    ids=["event-link", "position", "child-organisation"],
)
def test_organisation_referred_to_cannot_be_deleted(refer):
    organisation = OrganisationFactory()
    refer(organisation)

    with pytest.raises(ProtectedError):
        organisation.delete()

    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_person_duplicate_slug_refused():
    PersonFactory(slug="vladimir-norov")

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(slug="vladimir-norov")


def test_position_ending_before_it_starts_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionFactory(start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2020, 1, 1))


def test_organisation_cannot_be_its_own_parent():
    organisation = OrganisationFactory()
    organisation.parent = organisation

    with pytest.raises(IntegrityError), transaction.atomic():
        organisation.save()


def test_people_are_named_people_in_the_admin():
    assert str(Person._meta.verbose_name_plural) == "people"


def test_portrait_without_description_refused():
    person = PersonFactory.build(
        portrait=factory.django.ImageField(filename="norov.jpg"), portrait_alt=" "
    )

    with pytest.raises(ValidationError) as error:
        person.full_clean()

    assert error.value.message_dict == {
        "portrait_alt": ["Describe the portrait for people who cannot see it."]
    }


def test_portrait_with_description_accepted():
    person = PersonFactory.build(
        portrait=factory.django.ImageField(filename="norov.jpg"),
        portrait_alt="Vladimir Norov at a lectern",
    )

    person.full_clean()


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.example"]
)
def test_organisation_website_other_than_a_web_address_refused_by_database(website):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(website=website)


@pytest.mark.parametrize("website", ["", "https://sco.example.org/", "HTTP://sco.example.org"])
def test_organisation_website_web_address_accepted(website):
    assert OrganisationFactory(website=website).website == website

"""factory_boy factories for every model, used by the test suite.

Defaults make the smallest valid, public record: an event is published, in the
past and one day long; a quote's event is its session's event when a session is
given. Tagged factories take names: `EventFactory(tags=["youth", "5G"])`.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from events.models import (
    Event,
    EventImage,
    EventOrganisation,
    EventSource,
    OrganisationRole,
    Participation,
    Quote,
    Role,
    Session,
    Visit,
)
from people.models import Organisation, OrganisationName, Person, PersonName, Position
from tags.models import Tag, tag_key

SCO_COUNTRIES = ["CN", "RU", "KZ", "KG", "TJ", "UZ", "IN", "PK", "IR", "BY"]


def _add_tags(obj, create, extracted, **kwargs):
    if create and extracted:
        obj.tags.add(*extracted)


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")
    # Tag.save() sets the key too; this keeps built (unsaved) tags consistent.
    key = factory.LazyAttribute(lambda o: tag_key(o.name))


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Faker("company")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.OTHER
    country = factory.Faker("random_element", elements=SCO_COUNTRIES)
    tags = factory.PostGeneration(_add_tags)


class OrganisationNameFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationName
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("company", locale="ru_RU")
    language = "ru"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"person-{n}")
    country = factory.Faker("random_element", elements=SCO_COUNTRIES)
    tags = factory.PostGeneration(_add_tags)


class PersonNameFactory(DjangoModelFactory):
    class Meta:
        model = PersonName
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    name = factory.Faker("name", locale="ru_RU")
    language = "ru"


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Faker("job")
    start_date = factory.Faker("date_between", start_date="-10y", end_date="-1y")
    end_date = None


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            status=Event.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1)),
        )

    kind = Event.Kind.MEETING
    title = factory.Faker("catch_phrase")
    slug = factory.Sequence(lambda n: f"event-{n}")
    start_date = factory.Faker("date_between", start_date="-3y", end_date="-1d")
    end_date = factory.SelfAttribute("start_date")
    city = factory.Faker("city")
    country = factory.Faker("random_element", elements=SCO_COUNTRIES)
    summary = factory.Faker("sentence")
    body = factory.Faker("paragraph")
    status = Event.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    tags = factory.PostGeneration(_add_tags)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = factory.Faker("sentence", nb_words=6)


# A session, when given, decides the event: its rows must belong to one event.
_event_of_session = factory.Maybe(
    "session",
    yes_declaration=factory.SelfAttribute("session.event"),
    no_declaration=factory.SubFactory(EventFactory),
)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation
        skip_postgeneration_save = True

    session = None
    event = _event_of_session
    person = factory.SubFactory(PersonFactory)
    role = Role.PARTICIPANT


class EventOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = EventOrganisation
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationRole.PARTICIPANT


class EventSourceFactory(DjangoModelFactory):
    class Meta:
        model = EventSource

    event = factory.SubFactory(EventFactory)
    url = factory.Sequence(lambda n: f"https://example.org/press/{n}")
    language = "en"


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = Quote
        skip_postgeneration_save = True

    session = None
    event = _event_of_session
    speaker = factory.SubFactory(PersonFactory)
    kind = Quote.Kind.DIRECT
    text = factory.Faker("paragraph", nb_sentences=2)
    tags = factory.PostGeneration(_add_tags)


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    place = factory.Faker("company")
    description = factory.Faker("sentence")
    date = factory.SelfAttribute("event.start_date")
    tags = factory.PostGeneration(_add_tags)


class EventImageFactory(DjangoModelFactory):
    class Meta:
        model = EventImage
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    image = factory.django.ImageField(width=40, height=30, color="teal", format="JPEG")
    alt_text = factory.Faker("sentence", nb_words=6)
    caption = factory.Faker("sentence")
    credit = factory.Faker("name")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("password")


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"group {n}")

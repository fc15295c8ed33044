"""A published record whose every text field holds an XSS payload, in every language.

`build()` makes, for each payload, a tag, an organisation (with an alternative
name), a person (with an alternative name and a position) and an event, each
with the payload in every text field (cut to the field's length) and in its
web addresses' query. Formats take turns (hybrid, online, in person); every
other person's position has ended before their event, so the title as stated
shows. The first event, person and organisation are the worst pages: they
also hold every payload at once (sources, sessions, quotes, visits, images,
participants and organisations of the event; names and positions of the
person; names and statements of the organisation), and every long text holds
all the payloads. Statements take turns in who said them: a person, an
organisation, a named group, or no one (with a note).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

import factory
from django.apps import apps
from django.db.models import F
from modeltranslation.utils import build_localized_fieldname

from events.models import (
    Event,
    EventImage,
    EventSource,
    OrganisationRole,
    Participation,
    Quote,
    Role,
)
from people.models import Organisation, OrganisationName, Person, PersonName, Position
from secretariat.languages import CODES, translated_fields
from tags.models import Tag
from tests import factories
from tests.security.xss_payloads import PAYLOADS, TEMPLATE_PAYLOADS

ALL = "\n\n".join(PAYLOADS)
ROLES = list(Role)
ORGANISATION_ROLES = list(OrganisationRole)
FORMATS = [Event.Format.HYBRID, Event.Format.ONLINE, Event.Format.IN_PERSON]
# Template payloads by position: their marker in an address would not read as typed.
TEMPLATES = {PAYLOADS.index(payload) for payload in TEMPLATE_PAYLOADS}


def fit(model, field, value):
    """`value` cut to what `model.field` holds (PostgreSQL refuses longer strings)."""
    length = model._meta.get_field(field).max_length
    return value[:length] if length else value


def fill(model, value, **fields):
    """`fields` for `model` with every text field named in TEXT_FIELDS set to `value`."""
    return {name: fit(model, name, value) for name in TEXT_FIELDS[model]} | fields


# The free-text fields of each content model; test_xss checks none is left out.
TEXT_FIELDS = {
    Event: [
        "title", "city", "venue", "summary", "platform", "audience", "public_note",
        "editorial_note",
    ],
    Person: ["name", "honorific", "portrait_alt", "public_note", "editorial_note"],
    PersonName: ["name", "language"],
    Organisation: ["name", "short_name"],
    OrganisationName: ["name", "language"],
    Position: ["title", "public_note", "editorial_note"],
    Participation: ["stated_title"],
    EventSource: ["title", "language"],
    EventImage: ["alt_text", "caption", "credit"],
}  # fmt: skip
# Long texts, which hold every payload at once.
LONG_FIELDS = {Event: "body", Person: "bio", Organisation: "description"}


@dataclass
class XSSContent:
    events: list
    people: list
    organisations: list
    tags: list

    @property
    def event(self):
        return self.events[0]

    @property
    def person(self):
        return self.people[0]

    @property
    def organisation(self):
        return self.organisations[0]


def web(n, path=""):
    """A web address carrying payload `n` in its query (a script URL is refused: test_xss)."""
    payload = PAYLOADS[0] if n in TEMPLATES else PAYLOADS[n]
    return f"https://example.org/{path}{n}?q={quote(payload)}"[:500]


def said_by(n, people, organisations, payload):
    """Who said statement `n`: a person, an organisation, a group or no one, in turn."""
    return [
        {"speaker": people[n]},
        {"speaker": None, "speaker_organisation": organisations[n]},
        {"speaker": None, "speaker_group": fit(Quote, "speaker_group", payload)},
        {"speaker": None, "attribution_note": fit(Quote, "attribution_note", payload)},
    ][n % 4]


def build():
    """The record described above, all of it published, in payload order."""
    portrait = factory.django.ImageField(width=30, height=40, format="JPEG")
    photo = factories.EventImageFactory.build().image
    tags = [Tag.objects.create(name=fit(Tag, "name", payload)) for payload in PAYLOADS]
    organisations, people, events = [], [], []
    for n, payload in enumerate(PAYLOADS):
        organisation = factories.OrganisationFactory(
            **fill(Organisation, payload),
            slug=f"xss-organisation-{n}",
            description=ALL,
            # Escaped in the page as any text; a script URL is refused by the
            # field's validation (test_xss), so the address is a web one.
            website=fit(Organisation, "website", web(n)),
            tags=[tags[n]],
        )
        OrganisationName.objects.create(
            organisation=organisation, **fill(OrganisationName, payload)
        )
        person = factories.PersonFactory(
            **fill(Person, payload),
            slug=f"xss-person-{n}",
            bio=ALL,
            portrait=portrait if n == 0 else "",
            tags=[tags[n]],
        )
        PersonName.objects.create(person=person, **fill(PersonName, payload))
        # Every other position ended long before the events, so the stated title shows.
        ended = {"start_date": datetime.date(1990, 1, 1), "end_date": datetime.date(2000, 1, 1)}
        Position.objects.create(
            person=person,
            organisation=organisation,
            **fill(Position, payload),
            **(ended if n % 2 else {}),
        )
        format_ = FORMATS[n % len(FORMATS)]
        # An in-person event has no platform (a database constraint).
        in_person = {"platform": ""} if format_ == Event.Format.IN_PERSON else {}
        event = factories.EventFactory(
            **fill(Event, payload, format=format_, **in_person),
            audience_size=n,
            slug=f"xss-event-{n}",
            body=ALL,
            tags=[tags[n]],
        )
        EventSource.objects.create(event=event, url=web(n, "release"), **fill(EventSource, payload))
        organisations.append(organisation)
        people.append(person)
        events.append(event)

    event, person, organisation = events[0], people[0], organisations[0]
    for n, payload in enumerate(PAYLOADS):
        session = factories.SessionFactory(event=event, order=n, title=payload, description=payload)
        factories.QuoteFactory(
            event=event,
            session=session,
            **said_by(n, people, organisations, payload),
            kind=list(Quote.Kind)[n % 2],
            text=payload,
            source_url=web(n, "quote"),
            order=n,
            tags=[tags[n]],
        )
        EventSource.objects.create(
            event=event, url=web(n, "more"), order=n + 1, **fill(EventSource, payload)
        )
        factories.VisitFactory(
            event=event, order=n, place=payload, description=payload, tags=[tags[n]]
        )
        image = EventImage(event=event, order=n, **fill(EventImage, payload))
        image.image = photo if n == 0 else events[0].images.first().image.name
        image.save()
        factories.ParticipationFactory(
            event=event,
            person=people[n],
            role=ROLES[n % len(ROLES)],
            **fill(Participation, payload),
            source_url=web(n, "participant"),
        )
        factories.EventOrganisationFactory(
            event=event,
            organisation=organisations[n],
            role=ORGANISATION_ROLES[n % len(ORGANISATION_ROLES)],
        )
        if n:
            PersonName.objects.create(person=person, **fill(PersonName, payload))
            Position.objects.create(
                person=person,
                # One position with no organisation: its title stands alone.
                organisation=organisations[n] if n > 1 else None,
                **fill(Position, payload),
            )
            OrganisationName.objects.create(
                organisation=organisation, **fill(OrganisationName, payload)
            )
        person.tags.add(tags[n])
        organisation.tags.add(tags[n])
        event.tags.add(tags[n])
    assert all(e.status == Event.Status.PUBLISHED for e in events)
    in_every_language()
    return XSSContent(events, people, organisations, tags)


def in_every_language():
    """Copy each translated text's English column into the Russian and Chinese ones."""
    for model in apps.get_models():
        fields = translated_fields(model)
        if fields:
            model.objects.update(
                **{
                    build_localized_fieldname(field, code): F(f"{field}_en")
                    for field in fields
                    for code in CODES
                    if code != "en"
                }
            )

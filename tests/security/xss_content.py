"""A published record whose every text field holds an XSS payload.

`build()` makes, for each payload, a tag, an organisation (with an alternative
name), a person (with an alternative name and a position) and an event, each
with the payload in every text field (cut to the field's length). The first
event, person and organisation are the worst pages: they also hold every
payload at once (sessions, quotes, visits, images, participants and
organisations of the event; names and positions of the person; names of the
organisation), and every long text holds all the payloads.
"""

from dataclasses import dataclass
from urllib.parse import quote

import factory

from events.models import Event, EventImage, Quote, Role
from people.models import Organisation, OrganisationName, Person, PersonName, Position
from tags.models import Tag
from tests import factories
from tests.security.xss_payloads import PAYLOADS, TEMPLATE_PAYLOADS

ALL = "\n\n".join(PAYLOADS)
ROLES = list(Role)
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
    Event: ["title", "city", "venue", "summary"],
    Person: ["name", "honorific", "portrait_alt"],
    PersonName: ["name", "language"],
    Organisation: ["name", "short_name"],
    OrganisationName: ["name", "language"],
    Position: ["title"],
    EventImage: ["alt_text", "caption", "credit"],
}
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


def build():
    """The record described above, all of it published, in payload order."""
    portrait = factory.django.ImageField(width=30, height=40, format="JPEG")
    photo = factories.EventImageFactory.build().image
    tags = [Tag.objects.create(name=fit(Tag, "name", payload)) for payload in PAYLOADS]
    organisations, people, events = [], [], []
    for n, payload in enumerate(PAYLOADS):
        web = PAYLOADS[0] if n in TEMPLATES else payload
        organisation = factories.OrganisationFactory(
            **fill(Organisation, payload),
            slug=f"xss-organisation-{n}",
            description=ALL,
            # Escaped in the page as any text; a script URL is refused by the
            # field's validation (test_xss), so the address is a web one.
            website=fit(Organisation, "website", f"https://example.org/?q={quote(web)}"),
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
        Position.objects.create(person=person, organisation=organisation, **fill(Position, payload))
        event = factories.EventFactory(
            **fill(Event, payload), slug=f"xss-event-{n}", body=ALL, tags=[tags[n]]
        )
        organisations.append(organisation)
        people.append(person)
        events.append(event)

    event, person, organisation = events[0], people[0], organisations[0]
    for n, payload in enumerate(PAYLOADS):
        session = factories.SessionFactory(event=event, order=n, title=payload, description=payload)
        factories.QuoteFactory(
            event=event,
            session=session,
            speaker=people[n],
            kind=list(Quote.Kind)[n % 2],
            text=payload,
            order=n,
            tags=[tags[n]],
        )
        factories.VisitFactory(
            event=event, order=n, place=payload, description=payload, tags=[tags[n]]
        )
        image = EventImage(event=event, order=n, **fill(EventImage, payload))
        image.image = photo if n == 0 else events[0].images.first().image.name
        image.save()
        factories.ParticipationFactory(event=event, person=people[n], role=ROLES[n % len(ROLES)])
        factories.EventOrganisationFactory(
            event=event, organisation=organisations[n], role=ROLES[n % len(ROLES)]
        )
        if n:
            PersonName.objects.create(person=person, **fill(PersonName, payload))
            Position.objects.create(person=person, organisation=organisations[n], title=payload)
            OrganisationName.objects.create(
                organisation=organisation, **fill(OrganisationName, payload)
            )
        person.tags.add(tags[n])
        organisation.tags.add(tags[n])
        event.tags.add(tags[n])
    assert all(e.status == Event.Status.PUBLISHED for e in events)
    return XSSContent(events, people, organisations, tags)

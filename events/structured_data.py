"""schema.org data (JSON-LD) about an event, and its preview picture.

Built from what the view loaded, with no query; `url` makes a path absolute.
"""

from events.models import Event, OrganisationRole, Quote, Role
from people.structured_data import CONTEXT, image_object, organisation_node, person_node
from secretariat.renditions import share_image

# Which Event property a role in an event puts a person or organisation under;
# roles of people and of organisations share their values where they share a meaning.
ROLE_PROPERTIES = {
    Role.HOST: "organizer",
    Role.ORGANISER: "organizer",
    OrganisationRole.CO_ORGANISER: "organizer",
    Role.CHAIR: "organizer",
    Role.CO_CHAIR: "organizer",
    Role.KEYNOTE: "performer",
    Role.SPEAKER: "performer",
    Role.MODERATOR: "performer",
    Role.VIDEO_ADDRESS: "performer",
    Role.DELEGATION_HEAD: "attendee",
    Role.DELEGATION: "attendee",
    Role.GUEST: "attendee",
    Role.PARTICIPANT: "attendee",
    # Took part without attending: greetings sent, a hall lent, a book published.
    Role.SENT_GREETINGS: "contributor",
    OrganisationRole.VENUE: "contributor",
    OrganisationRole.PUBLISHER: "contributor",
    OrganisationRole.PARTNER: "sponsor",
}


def event_data(event, participants, url):
    """An `Event`, then a `Quotation` for each direct quote, as one JSON-LD `@graph`.

    Expects `event` from `event_detail_queryset` and `participants` from
    `participants_with_titles`.
    """
    event_url = url(event.get_absolute_url())
    positions = {participation.person_id: participation.position for participation in participants}
    data = {
        "@type": "Event",
        "@id": event_url,
        "url": event_url,
        "name": event.title,
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": _attendance_mode(event),
    }
    if locations := _locations(event, event_url):
        data["location"] = locations
    if event.summary:
        data["description"] = event.summary
    for prop, members in _by_role(event, participants, url).items():
        data[prop] = members
    if tags := event.tags.all():
        data["about"] = [
            {"@type": "DefinedTerm", "name": tag.name, "url": url(tag.get_absolute_url())}
            for tag in tags
        ]
    if images := event.images.all():
        data["image"] = [
            image_object(share_image(image.image, image.alt_text, url)) for image in images
        ]
    quotations = [
        {
            "@type": "Quotation",
            "@id": url(quote.get_absolute_url()),
            "text": quote.text,
            **_creator(quote, url, positions),
            "recordedAt": {"@id": event_url},
        }
        for quote in event.quotes.all()
        if quote.kind == Quote.Kind.DIRECT
    ]
    return {"@context": CONTEXT, "@graph": [data, *quotations]}


def _creator(quote, url, positions):
    """{"creator": node} for who said `quote`: a Person, an Organization, or a named group."""
    if quote.speaker_id:
        return {"creator": person_node(quote.speaker, url, positions.get(quote.speaker_id))}
    if quote.speaker_organisation_id:
        return {"creator": organisation_node(quote.speaker_organisation, url)}
    if quote.speaker_group:
        return {"creator": {"@type": "Organization", "name": quote.speaker_group}}
    return {}


def event_share_image(event, url):
    """The event's first image, or None. Expects `images` prefetched."""
    image = next(iter(event.images.all()), None)
    return share_image(image.image, image.alt_text, url) if image else None


def _by_role(event, participants, url):
    """{"organizer" | "performer" | "attendee": [nodes]}: who took part, by ROLE_PROPERTIES.

    Organisations, then people, in editorial order, each once per property.
    """
    rows = [
        (link.role, organisation_node(link.organisation, url))
        for link in event.organisation_links.all()
    ]
    rows += [(p.role, person_node(p.person, url, p.position)) for p in participants]
    members = {}
    for role, node in rows:
        nodes = members.setdefault(ROLE_PROPERTIES[role], [])
        if all(other["url"] != node["url"] for other in nodes):
            nodes.append(node)
    return members


ATTENDANCE_MODES = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _attendance_mode(event):
    return ATTENDANCE_MODES[event.format]


def _locations(event, event_url):
    """The `Place` where it met, if recorded, and a `VirtualLocation` (its page) if online."""
    locations = []
    if event.meets_in_person and (place := _place(event)):
        locations.append(place)
    if event.is_online:
        # The record keeps no meeting link: the event's page is where to follow it.
        virtual = {"@type": "VirtualLocation", "url": event_url}
        if event.platform:
            virtual["name"] = event.platform
        locations.append(virtual)
    return locations


def _place(event):
    """A `Place` from the venue, city and country, or None when none is recorded."""
    if not (event.venue or event.city or event.country):
        return None
    address = {"@type": "PostalAddress"}
    if event.city:
        address["addressLocality"] = event.city
    if event.country:
        address["addressCountry"] = event.country.code
    return {
        "@type": "Place",
        "name": event.venue or event.city or event.country.name,
        "address": address,
    }

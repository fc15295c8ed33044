"""schema.org data (JSON-LD) about an event, and its preview picture.

Built from what the view loaded, with no query; `url` makes a path absolute.
In the page's language: the Event, its sessions and its quotations say the
language of their text in `inLanguage`, and a text shown in another language
than the page's is tagged with it (`people.structured_data.text_value`).
A direct quotation shown in translation is not given as the speaker's words:
its `creator` is on the original it is a `translationOfWork` of.
"""

from events.models import Event, OrganisationRole, Quote, Role
from people.structured_data import (
    CONTEXT,
    image_object,
    organisation_node,
    person_node,
    text_value,
    text_value_in,
)
from secretariat.languages import bcp47, original_language, shown_language, text_in
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
    speakers = _speaker_nodes(participants, url)
    data = {
        "@type": "Event",
        "@id": event_url,
        "url": event_url,
        "name": text_value(event, "title"),
        "inLanguage": bcp47(shown_language(event, "title")),
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": _attendance_mode(event),
    }
    if locations := _locations(event, event_url):
        data["location"] = locations
    if event.summary:
        data["description"] = text_value(event, "summary")
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": text_value(event, "audience")}
    data.update(_sources(event))
    for prop, members in _by_role(event, participants, url).items():
        data[prop] = members
    if tags := event.tags.all():
        data["about"] = [
            {
                "@type": "DefinedTerm",
                "name": text_value(tag, "name"),
                "url": url(tag.get_absolute_url()),
            }
            for tag in tags
        ]
    if images := event.images.all():
        data["image"] = [
            image_object(share_image(image.image, image.alt_text, url)) for image in images
        ]
    if sessions := [session for session in event.sessions.all() if session.date]:
        data["subEvent"] = [_session_node(session, url) for session in sessions]
    quotations = [
        _quotation(quote, url, speakers, event_url)
        for quote in event.quotes.all()
        if quote.kind == Quote.Kind.DIRECT
    ]
    return {"@context": CONTEXT, "@graph": [data, *quotations]}


def _quotation(quote, url, speakers, event_url):
    """A `Quotation` of a direct quote, in the language its text is shown in.

    Shown in another language than it was said in, it is a translation: the
    speaker (`creator`) is named on the original, its `translationOfWork`,
    with the original words when the record has them.
    """
    shown = shown_language(quote, "text")
    original = original_language(quote)
    node = {
        "@type": "Quotation",
        "@id": url(quote.get_absolute_url()),
        "text": text_value(quote, "text"),
        "inLanguage": bcp47(shown),
    }
    creator = _creator(quote, url, speakers)
    if original and original != shown:
        said = {"@type": "Quotation", "inLanguage": bcp47(original), **creator}
        if text_in(quote, "text", original):
            said["text"] = text_value_in(quote, "text", original)
        node["translationOfWork"] = said
    else:
        node.update(creator)
    node["recordedAt"] = {"@id": event_url}
    if quote.source_url:
        node["isBasedOn"] = quote.source_url
    return node


def _creator(quote, url, speakers):
    """{"creator": node} for who said `quote`: a Person, an Organization, a named group; or {}.

    A person who took part has the title shown for them there (`speakers`).
    """
    if quote.speaker_id:
        node = speakers.get(quote.speaker_id) or person_node(quote.speaker, url)
        return {"creator": node}
    if quote.speaker_organisation_id:
        return {"creator": organisation_node(quote.speaker_organisation, url)}
    if quote.speaker_group:
        return {"creator": {"@type": "Organization", "name": text_value(quote, "speaker_group")}}
    return {}


def _participant_node(participation, url):
    """The participation's person, with the title shown for them there (`participants_with_titles`).

    Affiliated only to the organisation of a position held on the date: a title
    as stated names none.
    """
    position = participation.position
    organisation = position.organisation if position is not None else None
    return person_node(participation.person, url, participation.title, organisation)


def _speaker_nodes(participants, url):
    """{person pk: node} of the people who took part; of several rows, the first with a title."""
    nodes = {}
    # Stable: editorial order within rows with a title, then within those without.
    for participation in sorted(participants, key=lambda p: not p.title):
        nodes.setdefault(participation.person_id, _participant_node(participation, url))
    return nodes


def _source_node(source):
    """A `CreativeWork` at the source's address, with its title and language if recorded."""
    node = {"@type": "CreativeWork", "url": source.url}
    if source.title:
        node["name"] = source.title
    if source.language:
        node["inLanguage"] = source.language
    return node


def _sources(event):
    """{"isBasedOn": the event's own release, "citation": [the further sources]}, those it has.

    Expects `sources` prefetched.
    """
    nodes = [_source_node(source) for source in event.sources.all()]
    data = {"isBasedOn": nodes[0]} if nodes else {}
    if len(nodes) > 1:
        data["citation"] = nodes[1:]
    return data


def _session_node(session, url):
    """A session with a date as an `Event` of its own: the day, or its times that day.

    The record keeps no time zone: the times are local to where it met.
    """
    node = {
        "@type": "Event",
        "name": text_value(session, "title"),
        "inLanguage": bcp47(shown_language(session, "title")),
        "url": url(session.get_absolute_url()),
    }
    for prop, time in (("startDate", session.start_time), ("endDate", session.end_time)):
        node[prop] = (
            f"{session.date.isoformat()}T{time.isoformat('minutes')}"
            if time
            else session.date.isoformat()
        )
    return node


def event_share_image(event, url):
    """The event's first image, or None. Expects `images` prefetched."""
    image = next(iter(event.images.all()), None)
    return share_image(image.image, image.alt_text, url) if image else None


def _by_role(event, participants, url):
    """{"organizer" | "performer" | "attendee"…: [nodes]}: who took part, by ROLE_PROPERTIES.

    Organisations, then people, in editorial order, each once per property.
    """
    rows = [
        (link.role, organisation_node(link.organisation, url))
        for link in event.organisation_links.all()
    ]
    rows += [(p.role, _participant_node(p, url)) for p in participants]
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
        address["addressLocality"] = text_value(event, "city")
    if event.country:
        address["addressCountry"] = event.country.code
    name = next(
        (text_value(event, field) for field in ("venue", "city") if getattr(event, field)), None
    )
    return {"@type": "Place", "name": name or event.country.name, "address": address}

"""schema.org data (JSON-LD) about events, people and organisations, and their preview pictures.

Each builder reads only what the page's view has already loaded (see the
selectors named in each docstring): no query of its own. Pictures are given
as renditions (secretariat.renditions), whose names and sizes come from
sorl-thumbnail's store through the cache once a page has been seen. `url` turns a path
into an absolute URL on the site's domain (`feeds.views.absolute_url` bound to
the request), so links here agree with the canonical link, feeds and sitemap.
base.html renders the result with the `json_ld` filter.
"""

from typing import NamedTuple

from events.models import Quote, Role
from secretariat.renditions import share_rendition

CONTEXT = "https://schema.org"

# Which Event property a role in an event puts a person or organisation under.
ROLE_PROPERTIES = {
    Role.HOST: "organizer",
    Role.ORGANISER: "organizer",
    Role.SPEAKER: "performer",
    Role.MODERATOR: "performer",
    Role.DELEGATION_HEAD: "attendee",
    Role.DELEGATION: "attendee",
    Role.PARTICIPANT: "attendee",
}


class ShareImage(NamedTuple):
    """A page's link-preview picture (og:image): a rendition, its size, its text alternative."""

    url: str
    alt: str
    width: int
    height: int


def _image(file, alt, url):
    """A ShareImage of a rendition of `file` (never the upload)."""
    rendition = share_rendition(file)
    return ShareImage(url(rendition.url), alt, rendition.width, rendition.height)


def _image_object(image):
    return {
        "@type": "ImageObject",
        "url": image.url,
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
    }


def event_data(event, participants, url):
    """An `Event`, then a `Quotation` for each direct quote, as one JSON-LD `@graph`.

    Expects `event` from `event_detail_queryset` and `participants` from
    `participants_with_titles`: each person carries the title and organisation
    held on the event's start date. Reported statements are not quotations.
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
            _image_object(_image(image.image, image.alt_text, url)) for image in images
        ]
    quotations = [
        {
            "@type": "Quotation",
            "@id": url(quote.get_absolute_url()),
            "text": quote.text,
            "creator": _person(quote.speaker, url, positions.get(quote.speaker_id)),
            "recordedAt": {"@id": event_url},
        }
        for quote in event.quotes.all()
        if quote.kind == Quote.Kind.DIRECT
    ]
    return {"@context": CONTEXT, "@graph": [data, *quotations]}


def event_share_image(event, url):
    """The event's first image, or None. Expects `images` prefetched."""
    image = next(iter(event.images.all()), None)
    return _image(image.image, image.alt_text, url) if image else None


def person_data(person, url):
    """A `Person` with their current title and organisation, other names and portrait.

    Expects `person` from `person_page_queryset`. With several current
    positions, the one begun last gives the title, as on an event's date.
    """
    current = next((position for position in person.timeline if position.is_current), None)
    data = {"@context": CONTEXT, **_person(person, url, current)}
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if names := person.alternative_names.all():
        data["alternateName"] = [name.name for name in names]
    if person.portrait:
        data["image"] = _image_object(person_share_image(person, url))
    return data


def person_share_image(person, url):
    """The person's portrait, or None."""
    if not person.portrait:
        return None
    return _image(person.portrait, person.portrait_alt, url)


def organisation_data(organisation, events, url):
    """An `Organization` with its other names, parent, parts, website and `events`.

    Expects `organisation` from `organisation_page_queryset` and `events` from
    `organisation_events` (published ones only).
    """
    data = {"@context": CONTEXT, **_organisation(organisation, url)}
    names = [organisation.short_name] if organisation.short_name else []
    names += [name.name for name in organisation.alternative_names.all()]
    if names:
        data["alternateName"] = names
    if organisation.description:
        data["description"] = organisation.description
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.parent:
        data["parentOrganization"] = _organisation(organisation.parent, url)
    if children := organisation.children.all():
        data["subOrganization"] = [_organisation(child, url) for child in children]
    if events:
        data["event"] = [
            {
                "@type": "Event",
                "name": event.title,
                "url": url(event.get_absolute_url()),
                "startDate": event.start_date.isoformat(),
            }
            for event in events
        ]
    return data


def _person(person, url, position=None):
    """A `Person` node; with `position`, its title (jobTitle) and organisation (affiliation)."""
    data = {"@type": "Person", "name": person.name, "url": url(person.get_absolute_url())}
    if position is not None:
        data["jobTitle"] = position.title
        data["affiliation"] = _organisation(position.organisation, url)
    return data


def _organisation(organisation, url):
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": url(organisation.get_absolute_url()),
    }


def _by_role(event, participants, url):
    """{"organizer" | "performer" | "attendee": [nodes]}: who took part, by ROLE_PROPERTIES.

    Organisations come first, then people, each in editorial order and listed
    once per property however many roles or sessions put them there.
    """
    rows = [
        (link.role, _organisation(link.organisation, url))
        for link in event.organisation_links.all()
    ]
    rows += [(p.role, _person(p.person, url, p.position)) for p in participants]
    members = {}
    for role, node in rows:
        nodes = members.setdefault(ROLE_PROPERTIES[role], [])
        if all(other["url"] != node["url"] for other in nodes):
            nodes.append(node)
    return members


def _attendance_mode(event):
    """Online, offline, or mixed: held online and also at a recorded place."""
    if not event.online:
        return "https://schema.org/OfflineEventAttendanceMode"
    if _place(event):
        return "https://schema.org/MixedEventAttendanceMode"
    return "https://schema.org/OnlineEventAttendanceMode"


def _locations(event, event_url):
    """The `Place` where it met, if recorded, and a `VirtualLocation` (its page) if online."""
    locations = []
    if place := _place(event):
        locations.append(place)
    if event.online:
        # The record keeps no meeting link: the event's page is where to follow it.
        locations.append({"@type": "VirtualLocation", "url": event_url})
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

"""schema.org data (JSON-LD) about people and organisations, and their preview pictures.

Each builder reads only what the page's view has already loaded (see the
selectors named in each docstring): no query of its own. `url` turns a path
into an absolute URL on the site's domain (`secretariat.http.absolute_url`
bound to the request), so links here agree with the canonical link, feeds and
sitemap. base.html renders the result with the `json_ld` filter.
"""

from secretariat.renditions import share_image

CONTEXT = "https://schema.org"


def image_object(image):
    """An `ImageObject` for a ShareImage."""
    return {
        "@type": "ImageObject",
        "url": image.url,
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
    }


def person_data(person, url):
    """A `Person` with their current title and organisation, other names and portrait.

    Expects `person` from `people.selectors.person_page_queryset`. With several current
    positions, the one begun last gives the title, as on an event's date.
    """
    current = next((position for position in person.timeline if position.is_current), None)
    data = {"@context": CONTEXT, **person_node(person, url, current)}
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if names := person.alternative_names.all():
        data["alternateName"] = [name.name for name in names]
    if person.portrait:
        data["image"] = image_object(person_share_image(person, url))
    return data


def person_share_image(person, url):
    """The person's portrait, or None."""
    if not person.portrait:
        return None
    return share_image(person.portrait, person.portrait_alt, url)


def organisation_data(organisation, events, url):
    """An `Organization` with its other names, parent, parts, website and `events`.

    Expects `organisation` from `people.selectors.organisation_page_queryset` and
    `events` from `events.selectors.organisation_events` (published ones only).
    """
    data = {"@context": CONTEXT, **organisation_node(organisation, url)}
    names = [organisation.short_name] if organisation.short_name else []
    names += [name.name for name in organisation.alternative_names.all()]
    if names:
        data["alternateName"] = names
    if organisation.description:
        data["description"] = organisation.description
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.parent:
        data["parentOrganization"] = organisation_node(organisation.parent, url)
    if children := organisation.children.all():
        data["subOrganization"] = [organisation_node(child, url) for child in children]
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


def person_node(person, url, position=None):
    """A `Person` node; with `position`, its title (jobTitle) and organisation (affiliation)."""
    data = {"@type": "Person", "name": person.name, "url": url(person.get_absolute_url())}
    if position is not None:
        data["jobTitle"] = position.title
        data["affiliation"] = organisation_node(position.organisation, url)
    return data


def organisation_node(organisation, url):
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": url(organisation.get_absolute_url()),
    }

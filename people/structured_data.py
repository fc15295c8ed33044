"""schema.org data (JSON-LD) about people and organisations, and their preview pictures.

Built from what the view loaded, with no query; `url` makes a path absolute
(`secretariat.http.absolute_url`).
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

    Expects `person` from `person_page_queryset`; the current position begun last wins.
    """
    current = next((position for position in person.timeline if position.is_current), None)
    held = {"title": current.title, "organisation": current.organisation} if current else {}
    data = {"@context": CONTEXT, **person_node(person, url, **held)}
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

    Expects `organisation_page_queryset` and `events.selectors.organisation_events`.
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


def person_node(person, url, title="", organisation=None):
    """A `Person` node; with a `title` (jobTitle) and the `organisation` (affiliation) it is at."""
    data = {"@type": "Person", "name": person.name, "url": url(person.get_absolute_url())}
    if title:
        data["jobTitle"] = title
    if organisation is not None:
        data["affiliation"] = organisation_node(organisation, url)
    return data


def organisation_node(organisation, url):
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": url(organisation.get_absolute_url()),
    }

"""schema.org data (JSON-LD) about people and organisations, and their preview pictures.

Built from what the view loaded, with no query; `url` makes a path absolute
(`secretariat.http.absolute_url`). In the page's language: a plain string is
in it; a text shown in another language, its original because the page's is
missing, is a JSON-LD value object with its `@language` (`text_value`).
"""

from secretariat.languages import bcp47, reader_language, shown_language, text_in
from secretariat.renditions import share_image

CONTEXT = "https://schema.org"


def language_tagged(text, language):
    """`text` as said in `language`: a plain string in the page's language, else a value object."""
    if language == reader_language():
        return text
    return {"@value": text, "@language": bcp47(language)}


def text_value(instance, field):
    """`instance.<field>` as the page shows it, tagged with its language when not the page's."""
    return language_tagged(getattr(instance, field), shown_language(instance, field))


def text_value_in(instance, field, language):
    """The text of `field` in exactly `language`, tagged as `language_tagged` does."""
    return language_tagged(text_in(instance, field, language), language)


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
        data["honorificPrefix"] = text_value(person, "honorific")
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
    names = [text_value(organisation, "short_name")] if organisation.short_name else []
    names += [name.name for name in organisation.alternative_names.all()]
    if names:
        data["alternateName"] = names
    if organisation.description:
        data["description"] = text_value(organisation, "description")
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
                "name": text_value(event, "title"),
                "url": url(event.get_absolute_url()),
                "startDate": event.start_date.isoformat(),
            }
            for event in events
        ]
    return data


def person_node(person, url, title="", organisation=None):
    """A `Person` node; with a `title` (jobTitle) and the `organisation` (affiliation) it is at."""
    data = {
        "@type": "Person",
        "name": text_value(person, "name"),
        "url": url(person.get_absolute_url()),
    }
    if title:
        data["jobTitle"] = title
    if organisation is not None:
        data["affiliation"] = organisation_node(organisation, url)
    return data


def organisation_node(organisation, url):
    return {
        "@type": "Organization",
        "name": text_value(organisation, "name"),
        "url": url(organisation.get_absolute_url()),
    }

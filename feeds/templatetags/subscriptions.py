"""Links from a page to its feeds and calendar, by the URL names of feeds.urls.

`name` is the common stem of a page's feed URLs: "tag" for `feeds:tag_rss`,
`feeds:tag_atom` and `feeds:tag_calendar`; `args` are those URLs' arguments.
"""

from django import template
from django.urls import reverse

register = template.Library()


def _url(name, kind, args):
    return reverse(f"feeds:{name}_{kind}", args=args)


@register.inclusion_tag("feeds/alternate_links.html")
def alternate_links(name, *args, title):
    """<link rel="alternate"> elements in a page's head, for browsers and readers to discover."""
    return {"title": title, "rss": _url(name, "rss", args), "atom": _url(name, "atom", args)}


@register.inclusion_tag("feeds/subscribe_links.html")
def subscribe_links(name, *args, text, calendar=True):
    """The visible line "`text` RSS · Atom · Calendar (.ics)"; without `calendar`, no calendar."""
    return {
        "text": text,
        "rss": _url(name, "rss", args),
        "atom": _url(name, "atom", args),
        "calendar": _url(name, "calendar", args) if calendar else None,
    }

"""Template tags shared by every public page: filter links, dates, choice labels and text."""

from contextlib import suppress
from urllib.parse import urlencode, urlsplit

from django import template
from django.utils.formats import date_format, time_format
from django.utils.html import Urlizer, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from secretariat.choices import choice_label

register = template.Library()
register.filter("label", choice_label)  # a choice's label: {{ event|label:"kind" }}


def _query(context, change):
    """The current query string after `change(params)` ({name: [values]}), without the page.

    A dict of lists, not a QueryDict copy: its deep copy cost more than the link.
    """
    params = {key: list(values) for key, values in context["request"].GET.lists()}
    params.pop("page", None)
    change(params)
    encoded = urlencode(params, doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_add(context, name, value):
    """Link that adds `value` to the (possibly repeated) parameter `name`."""

    def change(params):
        values = params.setdefault(name, [])
        if str(value) not in values:
            values.append(str(value))

    return _query(context, change)


@register.simple_tag(takes_context=True)
def query_remove(context, name, value=None):
    """Link that removes `value` from `name`, or the whole parameter when no value is given."""

    def change(params):
        if value is None:
            params.pop(name, None)
        else:
            params[name] = [v for v in params.get(name, []) if v != str(value)]

    return _query(context, change)


@register.simple_tag(takes_context=True)
def query_only(context, *names):
    """Link that keeps only the parameters `names` (none when it is empty) and drops the rest."""

    def change(params):
        for name in list(params):
            if name not in names:
                del params[name]

    return _query(context, change)


@register.simple_tag(takes_context=True)
def query_set(context, name, value):
    """Link that sets the single-valued parameter `name` to `value`."""

    def change(params):
        params[name] = [str(value)]

    return _query(context, change)


@register.simple_tag(takes_context=True)
def facet_link(context, facet, option):
    """An `option` of a `facet` (`secretariat.filters`) as a link, with its count.

    The link selects the option (adds it, in a `multiple` facet), or removes it
    when selected. A lower-bound count reads "12+". Not a template: see `date_range`.
    """
    more = ""
    if option.more:
        more = format_html(
            '<span aria-hidden="true">+</span><span class="visually-hidden"> {}</span>',
            _("or more"),
        )
    label = format_html('{} <span class="count">({}{})</span>', option.label, option.count, more)
    if option.selected:
        return format_html(
            '<a href="{}" aria-current="true">{}<span class="visually-hidden"> — {}</span></a>',
            query_remove(context, facet.name, option.value),
            label,
            _("remove this filter"),
        )
    link = query_add if facet.multiple else query_set
    return format_html('<a href="{}">{}</a>', link(context, facet.name, option.value), label)


def _time(day):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day))


@register.simple_tag
def date_range(start, end=None):
    """A start date, or a start and end date, as <time> elements in the reader's language.

    Not an inclusion tag: a list page shows dozens, each a template rendering.
    """
    if end and end != start:
        return format_html("{} \N{EN DASH} {}", _time(start), _time(end))
    return _time(start)


def _clock(moment):
    return format_html(
        '<time datetime="{}">{}</time>', moment.isoformat("minutes"), time_format(moment)
    )


@register.simple_tag
def time_range(start, end=None):
    """A start time, or a start and end time, as <time> elements in the reader's language."""
    if end and end != start:
        return format_html("{} \N{EN DASH} {}", _clock(start), _clock(end))
    return _clock(start)


class _SourceUrlizer(Urlizer):
    """Django's `urlize`, links rel="nofollow noopener": editors cite sources, not endorsed."""

    url_template = '<a href="{href}" rel="nofollow noopener"{attrs}>{url}</a>'


_urlize = _SourceUrlizer()


@register.filter(is_safe=True, needs_autoescape=True)
def prose(text, autoescape=True):
    """Editors' plain text as HTML: escaped, paragraphs and line breaks kept, addresses linked.

    As `{{ text|urlize|linebreaks }}`, links rel="nofollow noopener"; nothing else is markup.
    """
    # With autoescape on, _urlize has escaped the text and written only its own links.
    linked = _urlize(text, autoescape=autoescape)
    return mark_safe(linebreaks(linked, autoescape=False))  # nosec B308 B703


@register.filter
def web_host(address):
    """The host name of a web address, as a reader knows it: "sco.int" for https://www.sco.int/….

    Without "www." and a port; an internationalised name in its own letters; ""
    for an address without a host.
    """
    try:
        host = urlsplit(address).hostname or ""
    except ValueError:  # a malformed address, e.g. an unclosed "[" of an IPv6 host
        return ""
    # Not a valid IDNA name (or not ASCII already): kept as written.
    with suppress(UnicodeError):
        host = host.encode("ascii").decode("idna")
    return host.removeprefix("www.")

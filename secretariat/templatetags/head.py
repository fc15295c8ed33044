"""Template tags for a page's <head>: its title said once, its canonical address, its JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.encoding import escape_uri_path
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from secretariat.http import absolute_url

register = template.Library()

# Parameters that say where a visitor came from, never what the page shows.
TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "yclid")


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Rendered with autoescaping: safe as the template made it.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # nosec B308 B703
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: render once into `name`, output nothing.

    Blocks inside still take part in inheritance; the result is kept as safe.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's one absolute address, on the site's domain, for search engines and previews.

    The path alone, except `?page=N` on a later page of a list nothing else
    narrows (tracking parameters aside): each such page is its own canonical.
    """
    request = context["request"]
    path = escape_uri_path(request.path)
    page = context.get("page_obj")
    narrowing = [name for name in request.GET if not name.startswith(TRACKING_PREFIXES)]
    if page is not None and page.number > 1 and narrowing == ["page"]:
        path = f"{path}?page={page.number}"
    return absolute_url(request, path)


@register.filter
def json_ld(data):
    """`data` as a `<script type="application/ld+json">` block, escaped as `json_script` does."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(_json_script_escapes)
    block = '<script type="application/ld+json">{}</script>'
    return format_html(block, mark_safe(text))  # nosec B308 B703

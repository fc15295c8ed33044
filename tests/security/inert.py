"""Whether a page shows the payloads of `tests.security.xss_payloads` as inert text.

The HTML is read by Python's own HTML parser (html.parser: neither html5lib
nor lxml is a dependency), which tokenizes tags and attributes and decodes
character references as a browser does; the browser tests then check the
worst pages in Chromium itself. A page is inert when:

- no element carries a payload's marker as an attribute name (`data-xssNN`):
  escaped text can never produce an attribute name, so such an element was
  made by a payload;
- no element has an event-handler attribute (`on…`: the site has no inline
  code at all), a `srcdoc`, or a URL attribute with a `javascript:`,
  `vbscript:` or `data:` scheme, however it is spelled;
- no script or style element holds a marker, except JSON data blocks
  (JSON-LD), which must still parse as JSON;
- each template payload (`xssNN{{ … }}`) reads, after its marker, as typed
  (or as its slug): Django evaluated nothing. A shortened text (`…`) may stop
  early.
"""

import html
import json
import re
from html.parser import HTMLParser

from django.utils.text import slugify

from secretariat.slugs import latin_slug
from tests.security.xss_payloads import MARKER, TEMPLATE_PAYLOADS

URL_ATTRIBUTES = {
    "action",
    "background",
    "cite",
    "data",
    "formaction",
    "href",
    "lowsrc",
    "ping",
    "poster",
    "src",
    "xlink:href",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
RAW_TEXT = {"script", "style", "noscript", "title", "textarea", "xmp", "iframe", "noembed"}
RCDATA = {"title", "textarea"}  # raw text in which character references are decoded
JSON_TYPES = {"application/json", "application/ld+json"}
# What a browser ignores in a URL's scheme: whitespace and control characters.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
# What may follow each template payload's marker: the payload as typed, or as a slug
# (an old Unicode one, or the site's Latin one).
_TEMPLATE_RESTS = {
    payload[:5]: (payload[5:], slugify(payload)[5:], latin_slug(payload)[5:])
    for payload in TEMPLATE_PAYLOADS
}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []  # text outside scripts and styles, joined without separators
        self.attribute_values = []
        self.json_blocks = []
        self._raw = None  # (tag, type) of the script or style being read
        self._raw_text = []

    def handle_starttag(self, tag, attrs):
        names = {name: value or "" for name, value in attrs}
        for name, value in names.items():
            if name not in URL_ATTRIBUTES:
                self.attribute_values.append(value)
            if MARKER.search(name):
                self.problems.append(f"<{tag} {name}> made by a payload")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: an event handler")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc={value!r}>")
            scheme = _IGNORED_IN_SCHEME.sub("", value).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(BAD_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>: a script URL")
            if name == "style" and MARKER.search(value):
                self.problems.append(f"<{tag} style={value!r}>")
        refresh = tag == "meta" and names.get("http-equiv", "").lower() == "refresh"
        if refresh and "javascript:" in names.get("content", "").lower():
            self.problems.append(f"<meta http-equiv=refresh content={names['content']!r}>")
        if tag in RAW_TEXT:
            # What a browser reads as text up to the closing tag, as Chromium does (with
            # scripting on: <noscript> too). html.parser knows only <script> and <style>.
            self.set_cdata_mode(tag)
            self._raw = (tag, names.get("type", "").lower(), names.get("src", ""))
            self._raw_text = []
            if MARKER.search(names.get("src", "")):
                self.problems.append(f"<script src={names['src']!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in RAW_TEXT:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._raw and tag == self._raw[0]:
            raw_tag, kind, _src = self._raw
            text = "".join(self._raw_text)
            if raw_tag == "script" and kind in JSON_TYPES:
                try:
                    self.json_blocks.append(json.loads(text))
                except ValueError:
                    self.problems.append(f"<script type={kind}> no longer JSON: {text[:200]!r}")
            elif raw_tag in {"script", "style"} and MARKER.search(text):
                self.problems.append(f"<{raw_tag}> runs a payload: {text[:200]!r}")
            elif raw_tag not in {"script", "style"}:
                self.text.append(html.unescape(text) if raw_tag in RCDATA else text)
            self._raw = None

    def close(self):
        if self._raw:  # never closed: what follows is all its text, which the parser drops
            self._raw_text.append(self.rawdata)
            self.rawdata = ""
            self.handle_endtag(self._raw[0])
        super().close()

    def handle_data(self, data):
        if self._raw:
            self._raw_text.append(data)
        else:
            self.text.append(data)


def _strings(data):
    """Every string in decoded JSON `data`, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def template_problems(text):
    """Where `text` shows a template payload evaluated rather than as typed.

    Addresses are left out: a slug made from a payload keeps only its letters.
    """
    problems = []
    if text.startswith(("http://", "https://", "/", "?")):
        return problems
    for match in MARKER.finditer(text):
        forms = _TEMPLATE_RESTS.get(match[0], ())
        if forms and not any(_reads_as(text, match.end(), form) for form in forms):
            after = text[match.end() : match.end() + len(forms[0])]
            problems.append(f"{match[0]}{after!r} is not {match[0]}{forms[0]!r}: evaluated")
    return problems


def _reads_as(text, start, form):
    """Whether `text` from `start` is `form`, or its start cut short with an ellipsis."""
    after = text[start : start + len(form)]
    same = 0
    while same < len(after) and after[same] == form[same]:
        same += 1
    tail = after[same:].lstrip()
    return same == len(form) or not tail or tail.startswith(("…", "..."))


def json_problems(data):
    """Template payloads evaluated in decoded JSON `data`."""
    return [problem for string in _strings(data) for problem in template_problems(string)]


def html_problems(html):
    """Everything in `html` that a payload made live, as readable lines; [] when inert."""
    page = _Page()
    page.feed(html)
    page.close()
    problems = [*page.problems, *template_problems("".join(page.text))]
    for value in page.attribute_values:
        problems += template_problems(value)
    for block in page.json_blocks:
        problems += json_problems(block)
    return problems


def markers_in(html):
    """The payload markers `html` shows, as text or attribute values (to prove content is there)."""
    page = _Page()
    page.feed(html)
    page.close()
    return set(MARKER.findall("".join(page.text))) | {
        marker for value in page.attribute_values for marker in MARKER.findall(value)
    }

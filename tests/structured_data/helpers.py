import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.contrib.sites.models import Site


def site_url(path=""):
    """`path` on the current Site's domain, as pages write their absolute links."""
    return f"http://{Site.objects.get_current().domain}{path}"


@dataclass
class Head:
    """What a page says about itself to machines: <title>, <meta>, canonical link, JSON-LD."""

    title: str = ""
    meta: dict = field(default_factory=dict)  # name or property → [content, …]
    canonical: list = field(default_factory=list)
    json_ld: list = field(default_factory=list)  # the raw text of each block
    other_scripts: int = 0

    def one(self, key):
        """The content of the only <meta> named `key` (by name or property)."""
        [content] = self.meta[key]
        return content

    @property
    def data(self):
        """Every JSON-LD block, parsed."""
        return [json.loads(text) for text in self.json_ld]

    def nodes(self, type_):
        """Every top-level JSON-LD node of `type_`, from `@graph`s too."""
        found = []
        for block in self.data:
            found += [node for node in block.get("@graph", [block]) if node["@type"] == type_]
        return found

    def node(self, type_):
        [node] = self.nodes(type_)
        return node


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.head = Head()
        self._text = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._text = []
        elif tag == "script" and "src" not in attrs:
            self.head.other_scripts += 1
        elif tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            self.head.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.head.canonical.append(attrs["href"])

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "title" and self._text is not None:
            self.head.title = "".join(self._text)
        elif tag == "script" and self._text is not None:
            self.head.json_ld.append("".join(self._text))
        else:
            return
        self._text = None


def parse_head(html):
    """The Head of an HTML page (an HTML parser reads it as a browser or crawler would)."""
    parser = _HeadParser()
    parser.feed(html)
    parser.close()
    return parser.head


def get_head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return parse_head(response.text)

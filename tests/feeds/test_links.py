import re
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TYPES = {
    "RSS": "application/rss+xml; charset=utf-8",
    "Atom": "application/atom+xml; charset=utf-8",
    "Calendar (.ics)": "text/calendar; charset=utf-8",
}

# (page, [(alternate link title, feed path)], [(visible text, [(link text, path)])])
PAGES = [
    (
        "/en/events/",
        [("Events (RSS)", "/en/events/feed/rss/"), ("Events (Atom)", "/en/events/feed/atom/")],
        [
            (
                "Follow all events:",
                [
                    ("RSS", "/en/events/feed/rss/"),
                    ("Atom", "/en/events/feed/atom/"),
                    ("Calendar (.ics)", "/en/events/calendar.ics"),
                ],
            )
        ],
    ),
    (
        "/en/tags/youth/",
        [
            ("Events (RSS)", "/en/tags/youth/feed/rss/"),
            ("Events (Atom)", "/en/tags/youth/feed/atom/"),
        ],
        [
            (
                "Follow the events with this tag:",
                [
                    ("RSS", "/en/tags/youth/feed/rss/"),
                    ("Atom", "/en/tags/youth/feed/atom/"),
                    ("Calendar (.ics)", "/en/tags/youth/calendar.ics"),
                ],
            )
        ],
    ),
    (
        "/en/people/vladimir-norov/",
        [
            ("Events (RSS)", "/en/people/vladimir-norov/feed/rss/"),
            ("Events (Atom)", "/en/people/vladimir-norov/feed/atom/"),
            ("Statements (RSS)", "/en/people/vladimir-norov/statements/feed/rss/"),
            ("Statements (Atom)", "/en/people/vladimir-norov/statements/feed/atom/"),
        ],
        [
            (
                "Follow their events:",
                [
                    ("RSS", "/en/people/vladimir-norov/feed/rss/"),
                    ("Atom", "/en/people/vladimir-norov/feed/atom/"),
                    ("Calendar (.ics)", "/en/people/vladimir-norov/calendar.ics"),
                ],
            ),
            (
                "Follow their statements:",
                [
                    ("RSS", "/en/people/vladimir-norov/statements/feed/rss/"),
                    ("Atom", "/en/people/vladimir-norov/statements/feed/atom/"),
                ],
            ),
        ],
    ),
    (
        "/en/organisations/sco-secretariat/",
        [
            ("Events (RSS)", "/en/organisations/sco-secretariat/feed/rss/"),
            ("Events (Atom)", "/en/organisations/sco-secretariat/feed/atom/"),
        ],
        [
            (
                "Follow its events:",
                [
                    ("RSS", "/en/organisations/sco-secretariat/feed/rss/"),
                    ("Atom", "/en/organisations/sco-secretariat/feed/atom/"),
                    ("Calendar (.ics)", "/en/organisations/sco-secretariat/calendar.ics"),
                ],
            )
        ],
    ),
]


def alternates(html):
    head = html.split("</head>")[0]
    found = re.findall(
        r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">', head
    )
    return [(title, href) for _, title, href in found]


def subscribe_lines(html):
    lines = re.findall(r'<p class="subscribe">(.*?)</p>', html, re.S)
    return [
        (
            line.split("<a", 1)[0].strip(),
            [
                (text, href)
                for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', line)
            ],
        )
        for line in lines
    ]


@pytest.mark.parametrize(("page", "feeds", "lines"), PAGES, ids=[page for page, *_ in PAGES])
def test_page_links_its_feeds_and_calendar_and_each_link_works(client, record, page, feeds, lines):
    response = client.get(page)

    assert response.status_code == 200
    assert alternates(response.text) == feeds
    assert subscribe_lines(response.text) == lines
    for _, links in lines:
        for text, href in links:
            assert client.get(href)["Content-Type"] == TYPES[text]


def test_event_page_offers_its_calendar_file(client, record):
    response = client.get(record["newer"].get_absolute_url())

    assert subscribe_lines(response.text) == [
        ("", [("Add to your calendar (.ics)", "/en/events/newer-forum/calendar.ics")])
    ]


def test_draft_preview_offers_no_calendar_file(client, record):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(record["draft"].get_absolute_url())

    assert response.status_code == 200
    assert subscribe_lines(response.text) == []
    assert reverse("events:calendar", args=[record["draft"].slug]) not in response.text


class HeadLinks(HTMLParser):
    """The attributes of every <link rel="alternate"> in a page's <head>, in order."""

    def __init__(self):
        super().__init__()
        self.in_head = False
        self.alternates = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        # A feed has a type; the page's language versions (hreflang) have none.
        elif tag == "link" and self.in_head and dict(attrs).get("rel") == "alternate":
            self.alternates += [dict(attrs)] if "type" in dict(attrs) else []

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def test_home_page_head_announces_the_events_feeds_which_parse(client, record):
    parser = HeadLinks()
    parser.feed(client.get("/en/").text)

    assert [(link["type"], link["title"], link["href"]) for link in parser.alternates] == [
        ("application/rss+xml", "Events (RSS)", "/en/events/feed/rss/"),
        ("application/atom+xml", "Events (Atom)", "/en/events/feed/atom/"),
    ]
    for link, version in zip(parser.alternates, ["rss20", "atom10"], strict=True):
        response = client.get(link["href"])
        assert response["Content-Type"] == f"{link['type']}; charset=utf-8"
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == version
        assert [entry.title for entry in feed.entries] == ["Newer forum", "Older roundtable"]

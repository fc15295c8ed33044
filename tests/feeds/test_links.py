import re

import pytest
from django.urls import reverse

from secretariat.factories import UserFactory

pytestmark = pytest.mark.django_db

TYPES = {
    "RSS": "application/rss+xml; charset=utf-8",
    "Atom": "application/atom+xml; charset=utf-8",
    "Calendar (.ics)": "text/calendar; charset=utf-8",
}

# (page, [(alternate link title, feed path)], [(visible text, [(link text, path)])])
PAGES = [
    (
        "/events/",
        [("Events (RSS)", "/events/feed/rss/"), ("Events (Atom)", "/events/feed/atom/")],
        [
            (
                "Follow all events:",
                [
                    ("RSS", "/events/feed/rss/"),
                    ("Atom", "/events/feed/atom/"),
                    ("Calendar (.ics)", "/events/calendar.ics"),
                ],
            )
        ],
    ),
    (
        "/tags/youth/",
        [("Events (RSS)", "/tags/youth/feed/rss/"), ("Events (Atom)", "/tags/youth/feed/atom/")],
        [
            (
                "Follow the events with this tag:",
                [
                    ("RSS", "/tags/youth/feed/rss/"),
                    ("Atom", "/tags/youth/feed/atom/"),
                    ("Calendar (.ics)", "/tags/youth/calendar.ics"),
                ],
            )
        ],
    ),
    (
        "/people/vladimir-norov/",
        [
            ("Events (RSS)", "/people/vladimir-norov/feed/rss/"),
            ("Events (Atom)", "/people/vladimir-norov/feed/atom/"),
            ("Statements (RSS)", "/people/vladimir-norov/statements/feed/rss/"),
            ("Statements (Atom)", "/people/vladimir-norov/statements/feed/atom/"),
        ],
        [
            (
                "Follow their events:",
                [
                    ("RSS", "/people/vladimir-norov/feed/rss/"),
                    ("Atom", "/people/vladimir-norov/feed/atom/"),
                    ("Calendar (.ics)", "/people/vladimir-norov/calendar.ics"),
                ],
            ),
            (
                "Follow their statements:",
                [
                    ("RSS", "/people/vladimir-norov/statements/feed/rss/"),
                    ("Atom", "/people/vladimir-norov/statements/feed/atom/"),
                ],
            ),
        ],
    ),
    (
        "/organisations/sco-secretariat/",
        [
            ("Events (RSS)", "/organisations/sco-secretariat/feed/rss/"),
            ("Events (Atom)", "/organisations/sco-secretariat/feed/atom/"),
        ],
        [
            (
                "Follow its events:",
                [
                    ("RSS", "/organisations/sco-secretariat/feed/rss/"),
                    ("Atom", "/organisations/sco-secretariat/feed/atom/"),
                    ("Calendar (.ics)", "/organisations/sco-secretariat/calendar.ics"),
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
        ("", [("Add to your calendar (.ics)", "/events/newer-forum/calendar.ics")])
    ]


def test_draft_preview_offers_no_calendar_file(client, record):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(record["draft"].get_absolute_url())

    assert response.status_code == 200
    assert subscribe_lines(response.text) == []
    assert reverse("feeds:event_calendar", args=[record["draft"].slug]) not in response.text

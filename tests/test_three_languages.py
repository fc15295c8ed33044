"""Issue 22 done: a Russian reader, the Kunming roundtable, and every machine agreeing."""

import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
from django.core.management import call_command

from events.management.commands.load_demo import KUNMING_SLUG

pytestmark = pytest.mark.django_db

RU_TITLE = "Развитие профессионального образования, инноваций и предпринимательства в ШОС"
ZH_TITLE = "上合组织职业教育、创新与创业发展"
RU_PAGE = f"/ru/events/{KUNMING_SLUG}/"
SITE = "http://127.0.0.1:8000"


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


def structured_data(html):
    """Every node of the page's JSON-LD graphs."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [node for block in blocks for node in json.loads(block)["@graph"]]


def test_a_russian_reader_reads_finds_and_switches_to_chinese(client, demo):
    assert (
        client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"})["Location"]
        == "/ru/"
    )
    home = client.get("/ru/").text
    assert RU_TITLE in home

    page = client.get(RU_PAGE).text
    assert '<html lang="ru"' in page
    assert f"<h1>{RU_TITLE}</h1>" in page
    assert "5 декабря 2020 г." in page  # noqa: RUF001 (the Cyrillic abbreviation of «года»)
    assert "Владимир Норов" in page
    # The Vice Mayor's name exists in English only: shown, and marked as English.
    assert 'lang="en">Sung Chung<' in page

    results = client.get("/ru/search/", {"q": "профессиональное образование"}).text
    assert f'href="{RU_PAGE}"' in results

    switched = client.post(
        "/i18n/setlang/",
        {"language": "zh-hans", "next": RU_PAGE},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert switched["Location"] == f"/zh-hans/events/{KUNMING_SLUG}/"
    chinese = client.get(switched["Location"]).text
    assert '<html lang="zh-Hans"' in chinese
    assert f"<h1>{ZH_TITLE}</h1>" in chinese
    assert "2020年12月5日" in chinese


def test_every_machine_output_agrees_in_russian(client, demo):
    page = client.get(RU_PAGE).text
    event_node = next(node for node in structured_data(page) if node.get("@type") == "Event")
    assert (event_node["name"], event_node["inLanguage"]) == (RU_TITLE, "ru")

    feed = feedparser.parse(client.get("/ru/events/feed/rss/").content)
    assert feed.feed.language == "ru"
    entry = next(e for e in feed.entries if e.link.endswith(RU_PAGE))
    assert entry.title == RU_TITLE

    calendar = icalendar.Calendar.from_ical(client.get(f"{RU_PAGE}calendar.ics").content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == RU_TITLE
    assert vevent["SUMMARY"].params["LANGUAGE"] == "ru"

    api = client.get(f"/api/events/{KUNMING_SLUG}/", {"lang": "ru"}).json()
    assert (api["title"], api["languages"], api["url"]) == (
        RU_TITLE,
        ["en", "ru", "zh-hans"],
        SITE + RU_PAGE,
    )
    assert client.get(f"/api/events/{KUNMING_SLUG}/", {"lang": "de"}).status_code == 400

    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    [entry] = [
        u for u in sitemap.findall("s:url", ns) if u.findtext("s:loc", "", ns) == SITE + RU_PAGE
    ]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert alternates == {
        "en": f"{SITE}/en/events/{KUNMING_SLUG}/",
        "ru": SITE + RU_PAGE,
        "zh-Hans": f"{SITE}/zh-hans/events/{KUNMING_SLUG}/",
        "x-default": f"{SITE}/events/{KUNMING_SLUG}/",
    }

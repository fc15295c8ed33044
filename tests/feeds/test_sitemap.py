import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EventFactory, OrganisationFactory, PersonFactory
from tests.feeds.helpers import add_public_events, count_queries

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LIST_PAGES = [
    "/en/",
    "/en/events/",
    "/en/quotes/",
    "/en/people/",
    "/en/organisations/",
    "/en/tags/",
]
PREFIXES = {"en": "/en/", "ru": "/ru/", "zh-Hans": "/zh-hans/", "x-default": "/"}


def fetch(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_public_page_and_nothing_else(client, record, site_url):
    urls = fetch(client)

    assert set(urls) == {
        # The lists are in every language; the records, made in English, only in English.
        *(
            site_url + path.replace("/en/", prefix, 1)
            for path in LIST_PAGES
            for prefix in ("/en/", "/ru/", "/zh-hans/")
        ),
        f"{site_url}/en/events/older-roundtable/",
        f"{site_url}/en/events/newer-forum/",
        f"{site_url}/en/people/vladimir-norov/",
        f"{site_url}/en/organisations/sco-secretariat/",
        f"{site_url}/en/tags/youth/",
        f"{site_url}/en/tags/5g/",
    }
    assert f"{site_url}{record['draft'].get_absolute_url()}" not in urls
    assert f"{site_url}{record['scheduled'].get_absolute_url()}" not in urls
    assert f"{site_url}/en/tags/unreleased/" not in urls


def test_sitemap_gives_events_people_and_organisations_their_last_change(client, record, site_url):
    urls = fetch(client)

    for obj in (record["newer"], record["person"], record["organisation"]):
        lastmod = urls[site_url + obj.get_absolute_url()]
        assert lastmod == timezone.localdate(obj.updated_at).isoformat()
    assert urls[f"{site_url}/en/tags/youth/"] is None
    assert urls[f"{site_url}/en/events/"] is None


def test_sitemap_lists_a_tag_people_use_though_no_event_does(client, record, site_url):
    PersonFactory(slug="someone", tags=["diplomacy"])

    urls = fetch(client)

    assert f"{site_url}/en/tags/diplomacy/" in urls


def test_sitemap_costs_as_many_queries_for_many_pages_as_for_few(client, record):
    url = reverse("sitemap")
    few = count_queries(client, url)

    add_public_events(record, 5)
    EventFactory(draft=True)
    PersonFactory.create_batch(3, tags=["diplomacy"])
    OrganisationFactory.create_batch(3)
    many = count_queries(client, url)

    # The Site, then each of the four database-backed sections read.
    assert few == many == 5


def test_robots_txt_points_to_the_sitemap_and_does_not_name_the_admin(client, site_url):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text == f"User-agent: *\nDisallow:\nSitemap: {site_url}/sitemap.xml\n"


def fetch_alternates(client, **headers):
    """{loc: {hreflang: href}} of every <url> of the sitemap."""
    response = client.get(reverse("sitemap"), **headers)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("s:url", NS)
    }


def versions(site_url, path, languages):
    """{hreflang: address} of `path` (unprefixed) in `languages`, and its x-default."""
    return {
        language: f"{site_url}{PREFIXES[language]}{path}" for language in [*languages, "x-default"]
    }


def test_sitemap_lists_each_version_of_a_record_with_reciprocal_alternates(client, site_url):
    EventFactory(
        slug="kunming-roundtable",
        title_en="Kunming roundtable",
        title_ru="Круглый стол в Куньмине",
        title_zh_hans="昆明圆桌会议",
    )
    EventFactory(slug="moscow-meeting", title_en="Moscow meeting")
    EventFactory(slug="tashkent-meeting", title_en="", title_ru="Встреча", original_language="ru")
    PersonFactory(slug="vladimir-norov", name_en="Vladimir Norov", name_ru="Владимир Норов")

    urls = fetch_alternates(client)

    kunming = versions(site_url, "events/kunming-roundtable/", ["en", "ru", "zh-Hans"])
    for language in ("en", "ru", "zh-Hans"):
        assert urls[kunming[language]] == kunming
    moscow = versions(site_url, "events/moscow-meeting/", ["en"])
    assert urls[moscow["en"]] == moscow
    tashkent = versions(site_url, "events/tashkent-meeting/", ["ru"])
    assert urls[tashkent["ru"]] == tashkent
    norov = versions(site_url, "people/vladimir-norov/", ["en", "ru"])
    assert urls[norov["en"]] == urls[norov["ru"]] == norov
    # A version that does not exist is announced neither as an address nor as an alternate.
    announced = set(urls) | {href for links in urls.values() for href in links.values()}
    for missing in (
        f"{site_url}/ru/events/moscow-meeting/",
        f"{site_url}/zh-hans/events/moscow-meeting/",
        f"{site_url}/en/events/tashkent-meeting/",
        f"{site_url}/zh-hans/people/vladimir-norov/",
    ):
        assert missing not in announced
    home = versions(site_url, "", ["en", "ru", "zh-Hans"])
    assert urls[home["zh-Hans"]] == home


def test_sitemap_is_the_same_whatever_the_visitors_language(client, record):
    english = client.get(reverse("sitemap"), HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get(reverse("sitemap"), HTTP_ACCEPT_LANGUAGE="ru")
    chinese = client.get(reverse("sitemap"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert english.content == russian.content == chinese.content
    assert b"/ru/events/" in english.content
    assert b'hreflang="zh-Hans"' in english.content
    assert b'zh-hans"' not in english.content

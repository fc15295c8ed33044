import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EventFactory, OrganisationFactory, PersonFactory
from tests.feeds.helpers import add_public_events, count_queries

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LIST_PAGES = [
    "/en/",
    "/en/events/",
    "/en/quotes/",
    "/en/people/",
    "/en/organisations/",
    "/en/tags/",
]


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
        *(site_url + path for path in LIST_PAGES),
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

    # The Site, then each of the four database-backed sections counted and read.
    assert few == many == 9


def test_robots_txt_points_to_the_sitemap_and_does_not_name_the_admin(client, site_url):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text == f"User-agent: *\nDisallow:\nSitemap: {site_url}/sitemap.xml\n"

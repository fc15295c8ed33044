import re

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_500_page_is_in_the_site_look():
    response = server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in html
    assert "/static/css/site.css" in html
    assert "Traceback" not in html


def test_404_page_is_in_the_site_look(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert 'href="/en/events/"' in response.text


def test_navigation_links_every_section_and_marks_the_current_one(client):
    response = client.get("/en/events/")

    nav = re.search(r'<nav class="site-nav".*?</nav>', response.text, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', nav) == [
        "/en/",
        "/en/events/",
        "/en/people/",
        "/en/organisations/",
        "/en/tags/",
        "/en/quotes/",
    ]
    assert re.findall(r'<a href="([^"]+)" aria-current="page"', nav) == ["/en/events/"]


def test_dates_follow_the_reader_language(client):
    event = EventFactory(start_date="2020-12-05", end_date="2020-12-05")

    english = client.get(f"/en/events/{event.slug}/")
    russian = client.get(f"/ru/events/{event.slug}/")
    chinese = client.get(f"/zh-hans/events/{event.slug}/")

    assert '<time datetime="2020-12-05">5 December 2020</time>' in english.text
    assert '<time datetime="2020-12-05">5 декабря 2020 г.</time>' in russian.text  # noqa: RUF001
    assert '<time datetime="2020-12-05">2020年12月5日</time>' in chinese.text
    assert '<html lang="ru">' in russian.text

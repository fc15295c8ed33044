"""Language addresses: /en/, /ru/, /zh-hans/, and the redirects from addresses without one."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "cookie", "location"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", None, "/ru/"),
        ("zh-CN,zh;q=0.9", None, "/zh-hans/"),
        ("zh-Hans", None, "/zh-hans/"),
        ("en-GB,en;q=0.9", None, "/en/"),
        ("de-DE,de;q=0.9", None, "/en/"),
        ("", None, "/en/"),
        ("ru", "zh-hans", "/zh-hans/"),
    ],
)
def test_the_root_sends_a_visitor_to_their_language(client, accept, cookie, location):
    if cookie:
        client.cookies["django_language"] = cookie

    response = client.get("/", headers={"accept-language": accept})

    assert (response.status_code, response["Location"]) == (302, location)
    vary = {value.strip() for value in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


def test_an_old_address_keeps_working_in_the_visitors_language(client):
    event = factories.EventFactory(slug="kunming-roundtable", title="Kunming roundtable")
    person = factories.PersonFactory(slug="vladimir-norov")
    assert event.get_absolute_url() == "/en/events/kunming-roundtable/"
    assert person.get_absolute_url() == "/en/people/vladimir-norov/"
    old_addresses = {
        "/events/kunming-roundtable/": "/ru/events/kunming-roundtable/",
        "/events/?tag=youth": "/ru/events/?tag=youth",
        "/people/vladimir-norov/": "/ru/people/vladimir-norov/",
        "/events/feed/rss/": "/ru/events/feed/rss/",
        "/events/calendar.ics": "/ru/events/calendar.ics",
        "/search/?q=Kunming": "/ru/search/?q=Kunming",
    }
    for old, new in old_addresses.items():
        response = client.get(old, headers={"accept-language": "ru"})
        assert (response.status_code, response["Location"]) == (302, new), old
        assert client.get(new).status_code == 200, new


def test_a_feed_subscription_follows_to_the_english_feed(client):
    factories.EventFactory(title="Kunming roundtable")

    response = client.get("/events/feed/rss/", follow=True)

    assert response.redirect_chain == [("/en/events/feed/rss/", 302)]
    assert response["Content-Type"].startswith("application/rss+xml")
    assert b"Kunming roundtable" in response.content


@pytest.mark.parametrize(
    "path", ["/de/", "/de/events/", "/zh/events/", "/ZH-HANS/events/", "/en-gb/events/"]
)
def test_a_language_not_offered_is_404(client, path):
    assert client.get(path).status_code == 404


def test_one_slug_answers_in_every_language(client):
    event = factories.EventFactory(slug="kunming-roundtable")

    for language in ("en", "ru", "zh-hans"):
        response = client.get(f"/{language}/events/kunming-roundtable/")
        assert response.status_code == 200
        assert response["Content-Language"] == language
        assert response.context["event"] == event


def test_the_machine_addresses_have_no_language(client):
    for path in ("/sitemap.xml", "/robots.txt", "/healthz", "/api/events/"):
        assert client.get(path).status_code == 200, path
    for path in ("/en/sitemap.xml", "/en/api/events/", "/en/healthz"):
        assert client.get(path).status_code == 404, path

"""The language switch: any visitor can use it from the site's pages, no other site can."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

# What a browser sends with a form a page of http://testserver submits to it.
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
REFUSED = "CSRF verification failed. Request aborted."


def language_form(html):
    """(action, {name: value}) of the language form's hidden and select fields."""
    form = re.search(
        r'<form class="language" action="([^"]+)" method="post">(.*?)</form>', html, re.S
    )
    hidden = re.findall(r'<input name="([^"]+)" type="hidden" value="([^"]*)">', form[2])
    fields = {name: unescape(value) for name, value in hidden}
    return form[1], fields


def test_a_visitor_without_cookies_switches_language_from_a_page():
    client = Client(enforce_csrf_checks=True)

    page = client.get("/en/events/")
    action, fields = language_form(page.text)
    switched = client.post(action, {**fields, "language": "ru"}, **SAME_ORIGIN)

    # The page sets no cookie, so that it is kept in the page cache for everyone.
    assert page.cookies == {}
    assert (action, fields) == ("/i18n/setlang/", {"next": "/en/events/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/ru/events/"
    cookie = switched.cookies["django_language"]
    assert cookie.value == "ru"
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert client.get("/ru/events/")["Content-Language"] == "ru"
    # The address, not the cookie, says which language a page is in.
    assert client.get("/en/events/")["Content-Language"] == "en"


def test_a_browser_that_sends_only_origin_switches_language():
    client = Client(enforce_csrf_checks=True)

    switched = client.post(
        "/i18n/setlang/",
        {"language": "zh-hans", "next": "/"},
        HTTP_ORIGIN="http://testserver",
    )

    assert switched.status_code == 302
    assert switched.cookies["django_language"].value == "zh-hans"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://attacker.example"},
        # A sibling host (another subdomain) is another origin.
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://blog.testserver"},
        # Sec-Fetch-Site decides, whatever Origin says.
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "https://attacker.example"},
        {"HTTP_ORIGIN": "null"},  # a sandboxed frame or a data: page
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
        {},  # neither header, and no CSRF token
    ],
    ids=[
        "cross-site",
        "same-site",
        "cross-site-claiming-origin",
        "foreign-origin",
        "null-origin",
        "other-scheme",
        "no-header",
    ],
)
def test_a_post_not_from_a_page_of_the_site_is_refused(headers):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/events/"}, **headers)

    assert response.status_code == 403
    assert REFUSED in response.text
    assert "django_language" not in response.cookies
    assert client.get("/en/events/")["Content-Language"] == "en"


def test_following_the_switch_by_get_changes_nothing():
    client = Client(enforce_csrf_checks=True)

    response = client.get("/i18n/setlang/", {"language": "ru", "next": "/en/events/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/events/"
    assert response.cookies == {}


def switch(client, page, language):
    """The address the language switch on `page` sends the visitor to, for `language`."""
    action, fields = language_form(client.get(page).text)
    switched = client.post(action, {**fields, "language": language}, **SAME_ORIGIN)
    assert switched.status_code == 302
    return switched["Location"]


@pytest.fixture
def records():
    """(event, person, organisation, tag): one of each page type's record."""
    event = factories.EventFactory(tags=["youth"], title="Forum", title_ru="Форум")
    person = factories.PersonFactory()
    organisation = factories.OrganisationFactory()
    return event, person, organisation, event.tags.get()


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_the_switch_keeps_the_visitor_on_the_same_page_of_every_type(records, language):
    event, person, organisation, tag = records
    pages = [
        ("home", {}),
        ("events:list", {}),
        ("events:detail", {"slug": event.slug}),
        ("people:person_list", {}),
        ("people:person_detail", {"slug": person.slug}),
        ("people:organisation_list", {}),
        ("people:organisation_detail", {"slug": organisation.slug}),
        ("tags:index", {}),
        ("tags:detail", {"slug": tag.slug}),
        ("quote_list", {}),
        ("search:search", {}),
    ]
    client = Client(enforce_csrf_checks=True)
    for name, kwargs in pages:
        with translation.override("en"):
            english = reverse(name, kwargs=kwargs)
        with translation.override(language):
            expected = reverse(name, kwargs=kwargs)

        assert switch(client, english, language) == expected, name


def test_the_switch_keeps_the_query_string():
    client = Client(enforce_csrf_checks=True)

    location = switch(client, "/en/events/?tag=youth&year=2020&page=2", "zh-hans")

    assert location == "/zh-hans/events/?tag=youth&year=2020&page=2"


def test_the_switch_works_whatever_language_the_cookie_says():
    # A visitor whose cookie says Russian follows a link to an English page.
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "ru"

    assert switch(client, "/en/events/", "zh-hans") == "/zh-hans/events/"
    assert switch(client, "/zh-hans/events/", "en") == "/en/events/"

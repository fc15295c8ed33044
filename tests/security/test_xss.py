"""Content is inert: every page shows the payloads of every text field as text.

The record (tests/security/xss_content.py) holds a payload in every free-text
field; each page type is read with it and checked by `tests.security.inert`.
Each check also asserts that the payloads are on the page, so that a page
which dropped them could not pass.
"""

import html
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import models
from django.urls import reverse

from events.models import Event, EventImage, EventSource, Participation, Quote, Session, Visit
from people.models import Organisation, OrganisationName, Person, PersonName, Position
from tags.models import Tag
from tests import factories
from tests.admin_helpers import in_english
from tests.security.inert import html_problems, json_problems, markers_in, template_problems
from tests.security.xss_payloads import MARKER, PAYLOADS, TEMPLATE_PAYLOADS

ALL_MARKERS = {MARKER.search(payload)[0] for payload in PAYLOADS}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def xss(xss_record, db):
    return xss_record


@pytest.fixture(autouse=True)
def _media_root(settings, xss_media):
    """The record's images, where it stored them (tests/security/conftest.py)."""
    settings.MEDIA_ROOT = xss_media


def read(client, url, content_type="text/html"):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type), url
    return response.content.decode()


def inert(client, url):
    """The page at `url`, asserted inert; its HTML."""
    html = read(client, url)
    assert html_problems(html) == [], url
    return html


def every_page(client, url):
    """The HTML of each page of the paginated list at `url`, each asserted inert."""
    pages, number = [], 1
    while True:
        response = client.get(url, {"page": number})
        assert response.status_code == 200, (url, number)
        html = response.content.decode()
        assert html_problems(html) == [], (url, number)
        pages.append(html)
        page = response.context.get("page_obj")
        if page is None or not page.has_next():
            return pages
        number += 1


def test_payloads_are_many_and_each_has_its_own_marker():
    assert len(PAYLOADS) >= 40
    assert len(TEMPLATE_PAYLOADS) >= 5
    assert all(len(set(MARKER.findall(payload))) == 1 for payload in PAYLOADS)
    assert len(ALL_MARKERS) == len(PAYLOADS)


def test_every_text_field_of_the_content_holds_payloads(xss):
    """Every free-text field of every content model, not only those xss_content names."""
    content_models = [
        Event, EventSource, Session, Participation, Quote, Visit, EventImage, Person,
        PersonName, Organisation, OrganisationName, Position, Tag,
    ]  # fmt: skip
    skipped = {"slug", "key", "status", "kind", "role", "country"}
    for model in content_models:
        for field in model._meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField) or field.choices:
                continue
            if field.name in skipped:
                continue
            values = model.objects.values_list(field.name, flat=True)
            assert any(MARKER.search(value or "") for value in values), (
                f"{model.__name__}.{field.name}"
            )


def test_the_checker_finds_what_a_payload_made_live():
    for payload in PAYLOADS:
        if payload in TEMPLATE_PAYLOADS or "<" not in payload:
            continue
        assert html_problems(f"<p>{payload}</p>"), payload
    assert template_problems("xss6049") != []
    assert template_problems("xss60{{7|add:42}} and more") == []
    assert template_problems("xss62{{settings.SEC…") == []
    assert html_problems('<a href=" java\tscript:x()">x</a>') != []


def test_event_pages_are_inert(client, xss):
    html = inert(client, xss.event.get_absolute_url())
    assert markers_in(html) == ALL_MARKERS
    for event in xss.events[1:]:
        inert(client, event.get_absolute_url())


def test_people_and_organisation_pages_are_inert(client, xss):
    assert markers_in(inert(client, xss.person.get_absolute_url())) == ALL_MARKERS
    assert markers_in(inert(client, xss.organisation.get_absolute_url())) == ALL_MARKERS
    for person in xss.people[1:]:
        inert(client, person.get_absolute_url())
    for organisation in xss.organisations[1:]:
        inert(client, organisation.get_absolute_url())


def test_tag_pages_are_inert(client, xss):
    for tag in xss.tags:
        html = inert(client, tag.get_absolute_url())
        assert MARKER.search(tag.name)[0] in markers_in(html)
    first, second = xss.tags[:2]
    inert(client, f"{first.get_absolute_url()}?and={second.slug}")


@pytest.mark.parametrize(
    "name", ["home", "events:list", "quote_list", "people:person_list",
             "people:organisation_list", "tags:index"],
)  # fmt: skip
def test_list_pages_are_inert(client, xss, name):
    html = "".join(every_page(client, reverse(name)))
    assert markers_in(html)


@pytest.mark.parametrize("query", ["xss", "script alert", "img onerror", "svg", "add debug"])
def test_search_results_are_inert(client, xss, query):
    html = inert(client, f"{reverse('search:search')}?q={query}")
    assert len(markers_in(html)) > 1


def test_search_suggestions_are_json_data(client, xss):
    for query in ["xss", "script", "alert"]:
        response = client.get(reverse("search:suggest"), {"q": query})
        assert response["Content-Type"] == "application/json"
        data = json.loads(response.content)
        assert MARKER.search(json.dumps(data)), query
        assert json_problems(data) == []
        # Never read as HTML, whatever the bytes look like.
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_api_is_json_data(client, xss):
    urls = [
        reverse("api:event-list"),
        reverse("api:event-detail", kwargs={"slug": xss.event.slug}),
        reverse("api:quote-list"),
        reverse("api:person-list"),
        reverse("api:person-detail", kwargs={"slug": xss.person.slug}),
        reverse("api:organisation-list"),
        reverse("api:organisation-detail", kwargs={"slug": xss.organisation.slug}),
        reverse("api:tag-list"),
        reverse("api:tag-detail", kwargs={"slug": xss.tags[0].slug}),
    ]
    for url in urls:
        # Never DRF's browsable HTML page, even for a browser that asks for HTML.
        refused = client.get(url, HTTP_ACCEPT="text/html")
        assert refused.status_code == 406, url
        assert refused["Content-Type"].startswith("application/json"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/json"), url
        assert response["X-Content-Type-Options"] == "nosniff"
        data = json.loads(response.content)
        assert MARKER.search(json.dumps(data)), url
        assert json_problems(data) == [], url


# An item's description (RSS) and an entry's summary and content (Atom) are HTML.
# Titles and the channel's description are text, sent escaped once (see feeds/feeds.py).
HTML_ELEMENTS = {"description", f"{ATOM}summary", f"{ATOM}content"}


def _feed(xml):
    """The HTML fields of an RSS or Atom document, which readers render, and its other text.

    RSS titles are escaped twice, for readers that take them as HTML: the text
    is unescaped once to compare it with what was typed.
    """
    root = ET.fromstring(xml)
    fragments, texts = [], []
    items = [*root.iter("item"), *root.iter(f"{ATOM}entry")]
    for element in root.iter():
        is_html = element.tag in HTML_ELEMENTS and any(element in item for item in items)
        (fragments if is_html else texts).append(element.text or "")
    return fragments, html.unescape(" ".join(texts))


def test_feeds_are_inert(client, xss):
    person, organisation, tag = xss.person, xss.organisation, xss.tags[0]
    names = [
        ("feeds:events_rss", {}),
        ("feeds:events_atom", {}),
        ("feeds:tag_rss", {"slug": tag.slug}),
        ("feeds:tag_atom", {"slug": tag.slug}),
        ("feeds:person_rss", {"slug": person.slug}),
        ("feeds:person_atom", {"slug": person.slug}),
        ("feeds:person_statements_rss", {"slug": person.slug}),
        ("feeds:person_statements_atom", {"slug": person.slug}),
        ("feeds:organisation_rss", {"slug": organisation.slug}),
        ("feeds:organisation_atom", {"slug": organisation.slug}),
    ]
    for name, kwargs in names:
        url = reverse(name, kwargs=kwargs)
        response = client.get(url)
        assert response.status_code == 200, url
        fragments, text = _feed(response.content)
        assert MARKER.search(text), url
        assert template_problems(text) == [], url
        for fragment in fragments:
            assert html_problems(fragment) == [], (url, fragment[:200])


def test_calendars_and_sitemap_hold_the_text_as_data(client, xss):
    event = xss.event
    calendar = read(
        client, reverse("events:calendar", kwargs={"slug": event.slug}), "text/calendar"
    )
    assert "xss01" in calendar
    assert "<script" not in read(client, reverse("sitemap"), "application/xml")
    ET.fromstring(client.get(reverse("sitemap")).content)


@pytest.fixture
def staff_client(client, db):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_pages_are_inert(staff_client, xss):
    objects = [xss.event, xss.person, xss.organisation, xss.tags[0]]
    for obj in objects:
        meta = obj._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert markers_in(inert(staff_client, changelist)), changelist
        assert markers_in(inert(staff_client, f"{changelist}?q=xss")), changelist
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert markers_in(inert(staff_client, change)), change
    for model in [Quote]:
        inert(staff_client, reverse(f"admin:events_{model._meta.model_name}_changelist"))


def test_the_admin_refuses_a_script_website(staff_client):
    """The one URL field the pages link to cannot be given a script URL."""
    response = staff_client.post(
        reverse("admin:people_organisation_add"),
        in_english(
            Organisation,
            {"name": "X", "slug": "x", "kind": "other", "website": "javascript:xss01=alert(1)"},
        ),
    )

    assert response.status_code == 200
    assert "website" in response.context["adminform"].form.errors
    assert not Organisation.objects.filter(slug="x").exists()

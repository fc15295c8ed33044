"""What a visitor sends is inert too: payloads as search queries, parameters and paths.

Every payload goes into every parameter a public page reads (and some it does
not, which pagination links may carry on), and into the path where a slug is
expected. The answer is never a server error, and its HTML or JSON is inert.
"""

import json
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse

from tests import factories
from tests.security.inert import html_problems, json_problems, markers_in
from tests.security.xss_payloads import MARKER, PAYLOADS

# Parameters of the pages' filters, pagination and sorting, plus ones no page reads.
PARAMETERS = [
    "q", "tag", "and", "kind", "type", "year", "country", "person", "organisation",
    "speaker", "when", "sort", "page", "utm_source", "next",
]  # fmt: skip
LISTS = [
    "home",
    "events:list",
    "quote_list",
    "people:person_list",
    "people:organisation_list",
    "tags:index",
    "search:search",
]


@pytest.fixture
def record(db, django_capture_on_commit_callbacks):
    """A little published content, so that lists, facets and pagination links render."""
    with django_capture_on_commit_callbacks(execute=True):
        tag = factories.TagFactory(name="youth", slug="youth")
        person = factories.PersonFactory(name="Vladimir Norov", slug="vladimir-norov", tags=[tag])
        event = factories.EventFactory(title="Script roundtable", slug="roundtable", tags=[tag])
        factories.ParticipationFactory(event=event, person=person)
        factories.QuoteFactory(event=event, speaker=person, text="Alert the youth.", tags=[tag])
        factories.OrganisationFactory(name="SCO Secretariat", slug="sco-secretariat")
    return {"tag": tag, "person": person, "event": event}


def check(response, url):
    """`response` is no server error, and what it shows is inert."""
    assert response.status_code < 500, url
    content_type = response.get("Content-Type", "")
    body = response.content.decode()
    if content_type.startswith("text/html"):
        assert html_problems(body) == [], url
    elif content_type.startswith("application/json"):
        assert json_problems(json.loads(body)) == [], url
    return body


@pytest.mark.parametrize("name", LISTS)
def test_payloads_in_every_parameter_are_inert(client, record, name):
    url = reverse(name)
    for n, payload in enumerate(PAYLOADS):
        check(client.get(f"{url}?{urlencode(dict.fromkeys(PARAMETERS, payload))}"), url)
        # Alone too, each parameter in turn: an invalid one may hide what another shows.
        parameter = PARAMETERS[n % len(PARAMETERS)]
        check(client.get(url, {parameter: payload}), (url, parameter))


@pytest.mark.parametrize("query", PAYLOADS)
def test_search_shows_the_query_as_typed_and_inert(client, record, query):
    html = check(client.get(reverse("search:search"), {"q": query}), query)
    # The query is shown back (in the search box at least): the check saw it.
    assert MARKER.search(query)[0] in markers_in(html) or "&#120;ss" in query


def test_suggestions_for_payloads_are_json(client, record):
    for payload in PAYLOADS:
        response = client.get(reverse("search:suggest"), {"q": payload})
        assert response.status_code == 200, payload
        assert response["Content-Type"] == "application/json"
        check(response, payload)


def test_payloads_as_tag_combinations_are_inert(client, record):
    url = record["tag"].get_absolute_url()
    for payload in PAYLOADS:
        check(client.get(url, {"and": [payload, "youth"]}), payload)
        check(client.get(reverse("events:list"), {"tag": [payload, "youth"]}), payload)


@pytest.mark.parametrize(
    "prefix",
    ["/en/events/", "/en/people/", "/en/organisations/", "/en/tags/", "/api/events/",
     "/api/people/", "/api/tags/", "/en/search/", "/"],
)  # fmt: skip
def test_payloads_as_path_segments_are_inert(client, record, prefix):
    for payload in PAYLOADS:
        url = f"{prefix}{quote(payload, safe='')}/"
        check(client.get(url), url)
        check(client.get(url.rstrip("/")), url)


@pytest.mark.parametrize("name", ["api:event-list", "api:quote-list", "api:person-list"])
def test_payloads_as_api_parameters_are_json(client, record, name):
    url = reverse(name)
    for payload in PAYLOADS:
        for parameter in ["q", "page", "tag", "ordering", "format", "cursor"]:
            response = client.get(url, {parameter: payload})
            body = check(response, (url, parameter))
            if response.status_code == 200:
                assert response["Content-Type"].startswith("application/json")
                json.loads(body)

import io
import json
import logging
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LISTS = ["api:event-list", "api:quote-list", "api:person-list", "api:organisation-list"]


def test_pages_keep_the_filters_and_stop_at_the_last(client):
    EventFactory.create_batch(5, kind="forum")
    EventFactory(kind="summit")

    first = client.get(reverse("api:event-list"), {"kind": "forum", "page_size": 2}).json()
    last = client.get(reverse("api:event-list"), {"kind": "forum", "page_size": 2, "page": 3})

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["next"] == "http://testserver/api/events/?kind=forum&page=2&page_size=2"
    assert [event["kind"] for event in last.json()["results"]] == ["forum"]
    assert last.json()["next"] is None
    past_the_end = client.get(reverse("api:event-list"), {"kind": "forum", "page": 4})
    assert past_the_end.status_code == 404
    assert past_the_end.json() == {"detail": "Invalid page."}


def test_page_size_is_capped(client):
    EventFactory.create_batch(101)

    response = client.get(reverse("api:event-list"), {"page_size": 1000})

    assert len(response.json()["results"]) == 100


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "url",
    [reverse("api:event-list"), "/api/events/any/", "/api/tags/any/", reverse("api:schema")],
)
def test_writes_are_refused(client, method, url):
    response = getattr(client, method)(url, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}


def test_options_lists_only_reads(client):
    response = client.options(reverse("api:event-list"))

    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_rate_limit_answers_429_with_retry_after(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }
    url = reverse("api:tag-list")

    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    # Counted per client address: another client is still served.
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 200


def test_rate_limit_holds_per_process_while_the_cache_is_down(client, settings, cache_down, caplog):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute"},
    }
    url = reverse("api:tag-list")

    with caplog.at_level(logging.INFO, logger="api.throttling"):
        allowed = [client.get(url).status_code for _ in range(5)]
        over = client.get(url)
        other_client = client.get(url, REMOTE_ADDR="192.0.2.1")

    assert allowed == [200] * 5
    assert over.status_code == 429
    assert over["Content-Type"] == "application/json"
    assert over.json()["detail"].startswith("Request was throttled.")
    assert 0 < int(over["Retry-After"]) <= 60
    assert other_client.status_code == 200
    notices = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "api.throttling"]
    assert notices == [
        (
            "WARNING",
            "API rate limit counted per process, the cache being unavailable; "
            "requests are counted and logged every 60 s",
        )
    ]


def test_api_root_names_every_list(client):
    response = client.get("/api/")

    assert response.json() == {
        "events": "http://testserver/api/events/",
        "quotes": "http://testserver/api/quotes/",
        "people": "http://testserver/api/people/",
        "organisations": "http://testserver/api/organisations/",
        "tags": "http://testserver/api/tags/",
    }


def test_openapi_document_is_valid_without_warnings(tmp_path):
    path = tmp_path / "openapi.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format=openapi-json",
        f"--file={path}",
        stderr=io.StringIO(),
    )

    document = json.loads(path.read_text())
    assert sorted(document["paths"]) == [
        "/api/events/",
        "/api/events/{slug}/",
        "/api/organisations/",
        "/api/organisations/{slug}/",
        "/api/people/",
        "/api/people/{slug}/",
        "/api/quotes/",
        "/api/quotes/{id}/",
        "/api/tags/",
        "/api/tags/{slug}/",
    ]
    events = document["paths"]["/api/events/"]["get"]
    tag = next(p for p in events["parameters"] if p["name"] == "tag")
    assert tag["schema"] == {"type": "array", "items": {"type": "string", "maxLength": 200}}
    assert tag["explode"] is True
    assert set(events["responses"]) == {"200", "400", "404", "429"}


def test_schema_is_served_as_json(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    assert response.json()["info"]["title"] == "SCO Secretariat record API"


@pytest.mark.parametrize("version", ["2", "a\r\nSet-Cookie: x=1", "\x00"])
def test_schema_ignores_a_version_in_the_query_string(client, version):
    # drf-spectacular wrote it into a header, where a newline was a server error.
    response = client.get(reverse("api:schema"), {"version": version})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="SCO Secretariat record API.json"'
    assert response.json()["info"]["version"] == "1"


def test_docs_page_loads_its_script_locally_and_nothing_inline(client):
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    html = response.text
    assert f'<redoc spec-url="{reverse("api:schema")}">' in html
    redoc = "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
    assert f'<script src="{redoc}">' in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert "https://" not in html

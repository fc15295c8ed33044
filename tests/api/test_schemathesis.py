"""The API checked against its own OpenAPI document by schemathesis, in-process over WSGI.

Schemathesis generates requests from the document (query parameters, path
slugs and ids) and checks that no answer is a server error and that every
answer's status, content type and body are those the document declares.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Loaded when the module is collected: generating the document reads no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def served(db, record, settings):
    """Published and hidden records present, and no rate limit.

    Requests go through Django's real WSGI handler, which closes the database
    connection when a request ends, and with it the test's transaction; like
    Django's test client, the test keeps the connection open.
    """
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}
    signals = [request_started, request_finished]
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_its_document_says(served, case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize(
    ("path", "parameters"),
    [
        ("/api/events/{slug}/", {"slug": "kunming-roundtable"}),
        ("/api/people/{slug}/", {"slug": "vladimir-norov"}),
        ("/api/organisations/{slug}/", {"slug": "kunming-government"}),
        ("/api/tags/{slug}/", {"slug": "youth"}),
    ],
)
def test_records_with_every_part_match_the_document(served, path, parameters):
    """Generated slugs name no record: these do, with every nested part filled in."""
    case = schema[path]["GET"].Case(path_parameters=parameters)

    response = case.call_and_validate(checks=CHECKS)

    assert response.status_code == 200

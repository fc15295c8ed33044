"""Response headers Django does not set itself, and the page shown when the database is down."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

# How long a client should wait before asking again while the database is down.
RETRY_AFTER_SECONDS = 30


def permissions_policy(get_response):
    """Tell browsers which powerful features (camera, location…) no page here may use."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


class DatabaseUnavailableMiddleware:
    """Answer 503 Service Unavailable, with a page that says so, when the database fails.

    A stopped or unreachable PostgreSQL raises OperationalError (cannot connect)
    or InterfaceError (a kept connection that died) in the view. Without this
    they become 500 "Something went wrong" pages and error-log noise; a 503 with
    Retry-After tells visitors, proxies and crawlers it is temporary, and the
    site recovers by itself: Django opens a new connection on the next request.
    Pages the page cache holds are still served, since a hit needs no query.

    With DEBUG on it steps aside, so a developer sees the traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s answered 503 (%s)", request.path, exception)
        # No request context: its processors could touch the database again.
        content = loader.render_to_string("503.html")
        response = HttpResponse(content, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response

"""Response headers Django does not set itself, and the answer given when the database is down."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.log import log_response

logger = logging.getLogger(__name__)

# How long a client should wait before asking again while the database is down.
RETRY_AFTER_SECONDS = 30
# What a stopped or unreachable PostgreSQL raises: OperationalError (cannot
# connect) or InterfaceError (a kept connection that died).
DATABASE_ERRORS = (OperationalError, InterfaceError)
# Where secretariat.urls mounts the API, whose answers are all JSON.
API_PATH = "/api/"


def permissions_policy(get_response):
    """Tell browsers which powerful features (camera, location…) no page here may use."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def database_unavailable(request, exception):
    """The answer to a request the database failed: 503 Service Unavailable, with Retry-After.

    Under the API a JSON body as its other errors have (`{"detail": …}`), elsewhere
    the short page of templates/503.html. Logged in one line, without the
    traceback, which says nothing an operator can act on; Django's own line for
    the 5xx is not added.
    """
    if request.path_info.startswith(API_PATH):
        detail = (
            "The record is temporarily unavailable: the site cannot reach its database. "
            "Try again in a minute."
        )
        response = JsonResponse({"detail": detail}, status=503)
    else:
        # No request context: its processors could touch the database again.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    log_response(
        "Database unavailable: %s answered 503 (%s)",
        request.path,
        str(exception),
        response=response,
        request=request,
        logger=logger,
    )
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 Service Unavailable (`database_unavailable`) when the database fails in a view.

    Without this a database outage makes 500 "Something went wrong" pages and
    error-log noise; a 503 with Retry-After tells visitors, proxies and crawlers
    it is temporary, and the site recovers by itself: Django opens a new
    connection on the next request. Pages the page cache holds are still
    served, since a hit needs no query. Middleware that queries the database
    after the view (slug_history's redirects) answers through
    `database_unavailable` itself: its errors never reach `process_exception`.

    With DEBUG on it steps aside, so a developer sees the traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(request, exception)

"""Response headers Django does not set itself, and the answer given when the database is down."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.log import log_response

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Cannot connect; a kept connection that died.
DATABASE_ERRORS = (OperationalError, InterfaceError)
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

    JSON (`{"detail": …}`) under the API, templates/503.html elsewhere. Logged in
    one line without the traceback, which says nothing an operator can act on.
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

    Not with DEBUG on, so a developer sees the traceback. Middleware that
    queries after the view (slug_history) calls `database_unavailable` itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, DATABASE_ERRORS):
            return None
        return database_unavailable(request, exception)

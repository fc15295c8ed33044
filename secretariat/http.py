"""Reading requests, and the site's absolute addresses."""

import functools

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import add_domain
from django.core.exceptions import DisallowedHost
from django.urls import get_callable
from rest_framework.throttling import BaseThrottle

# Sec-Fetch-Site from a page of this site, or the visitor's own action (a bookmark).
OWN_FETCH_SITES = {"same-origin", "none"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def absolute_url(request, path):
    """`path` on the current Site's domain, as Django's feeds and sitemap make their links."""
    return add_domain(get_current_site(request).domain, path, request.is_secure())


def client_address(request):
    """The client's IP address: the connection's, or the one NUM_PROXIES proxies forwarded."""
    # DRF's rule, so that the API's rate limit and the sign-in throttle agree.
    return BaseThrottle().get_ident(request)


def from_this_site(request):
    """Whether Sec-Fetch-Site, else Origin, says a page of this site sent the request."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in OWN_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    return origin == f"{request.scheme}://{host}"


def same_origin_only(view):
    """`view`, protected from cross-site requests without a CSRF token or cookie.

    An unsafe method not `from_this_site` gets Django's CSRF failure page (403).
    For forms on cached pages, which carry no per-visitor token: use with
    `csrf_exempt`.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and not from_this_site(request):
            failure = get_callable(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="The request did not come from a page of this site.")
        return view(request, *args, **kwargs)

    return wrapped

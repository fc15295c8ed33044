"""Reading requests, and the site's absolute addresses."""

import functools

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import add_domain
from django.core.exceptions import DisallowedHost
from django.urls import get_callable
from rest_framework.throttling import BaseThrottle

# Sec-Fetch-Site of a request made by a page of this site, or by the browser on
# the visitor's own action (an address typed, a bookmark): never by another site.
OWN_FETCH_SITES = {"same-origin", "none"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def absolute_url(request, path):
    """`path` on the current Site's domain, as Django's feeds and sitemap make their links."""
    return add_domain(get_current_site(request).domain, path, request.is_secure())


def client_address(request):
    """The client's IP address: the connection's, or the one NUM_PROXIES proxies forwarded.

    Django REST framework's reading of X-Forwarded-For (settings.NUM_PROXIES hops
    back), used by the API's rate limit, and so here by the admin's sign-in
    throttle (django-axes): one rule for who a client is.
    """
    return BaseThrottle().get_ident(request)


def from_this_site(request):
    """Whether the browser says that a page of this site's origin sent the request.

    Read from Sec-Fetch-Site, which every current browser sends and no page can
    set; where a browser sends only Origin, from that, compared with the
    request's own scheme and host. A request with neither is not from this site.
    """
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

    A request by any method but GET, HEAD, OPTIONS and TRACE that is not
    `from_this_site` is refused with Django's CSRF failure page (403). For forms
    on pages the page cache serves to every visitor alike, which can carry no
    per-visitor token; exempt the view from Django's token check
    (`csrf_exempt`) where this takes its place.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and not from_this_site(request):
            failure = get_callable(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="The request did not come from a page of this site.")
        return view(request, *args, **kwargs)

    return wrapped

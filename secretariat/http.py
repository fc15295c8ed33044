"""Reading requests."""

from rest_framework.throttling import BaseThrottle


def client_address(request):
    """The client's IP address: the connection's, or the one NUM_PROXIES proxies forwarded.

    Django REST framework's reading of X-Forwarded-For (settings.NUM_PROXIES hops
    back), used by the API's rate limit, and so here by the admin's sign-in
    throttle (django-axes): one rule for who a client is.
    """
    return BaseThrottle().get_ident(request)

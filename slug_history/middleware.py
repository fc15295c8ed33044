"""The old addresses' redirects (see slug_history.redirects), as browsers may keep them."""

from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.utils.cache import patch_cache_control


class SlugRedirectMiddleware(RedirectFallbackMiddleware):
    """Django's RedirectFallbackMiddleware, its 301s to be checked again on each use.

    Without Cache-Control a browser may keep a 301 for ever; an address can
    later be given back (a -> b, then b -> a), and a browser still holding
    a -> b would then go round between the two.
    """

    def process_response(self, request, response):
        redirected = super().process_response(request, response)
        if redirected is not response:
            patch_cache_control(redirected, no_cache=True)
        return redirected

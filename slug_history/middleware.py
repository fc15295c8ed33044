"""The old addresses' redirects (see slug_history.redirects), as browsers may keep them."""

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.utils.cache import patch_cache_control

from secretariat.middleware import DATABASE_ERRORS, database_unavailable


class SlugRedirectMiddleware(RedirectFallbackMiddleware):
    """Django's RedirectFallbackMiddleware: its 301s `no-cache`, a 503 while the database is down.

    `no-cache`: an address may be given back (a -> b, then b -> a). A 503, not
    a 404: the address may be a renamed page's.
    """

    def process_response(self, request, response):
        try:
            redirected = super().process_response(request, response)
        except DATABASE_ERRORS as exception:
            # Raised after the view, it would never reach DatabaseUnavailableMiddleware.
            if settings.DEBUG:
                raise
            return database_unavailable(request, exception)
        if redirected is not response:
            patch_cache_control(redirected, no_cache=True)
        return redirected

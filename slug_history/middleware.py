"""The old addresses' redirects (see slug_history.redirects), as browsers may keep them."""

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.utils.cache import patch_cache_control

from secretariat.middleware import DATABASE_ERRORS, database_unavailable


class SlugRedirectMiddleware(RedirectFallbackMiddleware):
    """Django's RedirectFallbackMiddleware, its 301s to be checked again on each use.

    Without Cache-Control a browser may keep a 301 for ever; an address can
    later be given back (a -> b, then b -> a), and a browser still holding
    a -> b would then go round between the two.

    Every 404 is looked up in the database. While it is down, the answer is the
    site's 503 (`secretariat.middleware.database_unavailable`): the address may
    be a renamed page's, and a 404 would tell crawlers it is gone.
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

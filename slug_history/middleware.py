"""The old addresses' redirects (see slug_history.redirects), as browsers may keep them."""

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.utils.cache import patch_cache_control

from secretariat.languages import split_language_prefix
from secretariat.middleware import DATABASE_ERRORS, database_unavailable


class SlugRedirectMiddleware(RedirectFallbackMiddleware):
    """Django's RedirectFallbackMiddleware: its 301s `no-cache`, a 503 while the database is down.

    `no-cache`: an address may be given back (a -> b, then b -> a). A 503, not
    a 404: the address may be a renamed page's. Redirects are stored without
    a language prefix: `/ru/events/old/` is answered with `/ru/events/new/`.
    """

    def process_response(self, request, response):
        try:
            redirected = self._redirect(request, response)
        except DATABASE_ERRORS as exception:
            # Raised after the view, it would never reach DatabaseUnavailableMiddleware.
            if settings.DEBUG:
                raise
            return database_unavailable(request, exception)
        if redirected is not response:
            patch_cache_control(redirected, no_cache=True)
        return redirected

    def _redirect(self, request, response):
        if response.status_code != 404:
            return response
        language, path = split_language_prefix(request.get_full_path())
        if language is None:
            # LocaleMiddleware sends it on to the visitor's language first.
            return response
        candidates = [path]
        if settings.APPEND_SLASH and not request.path.endswith("/"):
            candidates.append(
                split_language_prefix(request.get_full_path(force_append_slash=True))[1]
            )
        for candidate in candidates:
            found = Redirect.objects.filter(site_id=settings.SITE_ID, old_path=candidate).first()
            if found is not None:
                if not found.new_path:
                    return self.response_gone_class()
                return self.response_redirect_class(f"/{language}{found.new_path}")
        return response

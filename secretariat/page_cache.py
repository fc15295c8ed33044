"""The page cache: whole public pages, kept for anonymous visitors.

A public page is the same for every visitor without a session in the same
language, so it is rendered once and kept in Django's cache (Redis in
production) until the public content changes. The rules, all here:

- **What is kept.** Views wrapped in `public_page` (in the URLconfs), served
  and kept by `PageCacheMiddleware`; only GET and HEAD, only 200 responses
  that set no cookie and do not say `private` or `no-store`. A visitor with a
  session (staff: drafts, previews, edit links) or a pending message is never
  served from the cache, nor stored in it, and their pages are marked private
  for any proxy in front.
- **Keys.** A page is keyed by the full address, the language it was
  rendered in and the release of the static files it names (their manifest's
  hash: a deploy may remove the files an older page names), and kept with the
  *generation* of the public content it was rendered in: it is served only
  while that generation lasts. The generation, the last change and the page
  are read together, in one round trip to the cache.
- **Invalidation.** A generation ends when any content changes: a save or
  delete of a row of the content apps (`CONTENT_APPS`), or a change to a
  many-to-many link between them, marks a new change when the transaction
  commits (receivers connected by `connect`), as do `migrate` (a deploy's new
  templates) and a rebuild of the search index; a generation begun before the
  last change is over, even one begun while that change was committed (see
  `_current`). It also ends by itself when the next scheduled event is due to
  appear, when the date changes (pages list coming and past events by date),
  and after PAGE_CACHE_SECONDS. The next request starts a new generation, and
  pages of the old one are never served again. A failed attempt to mark a
  change is retried before it is given up (logged).
- **HTTP caching.** Pages carry `Cache-Control: public` with
  PROXY_CACHE_SECONDS as `s-maxage` (0: proxies revalidate every time),
  `Vary: Accept-Language, Cookie` (the language comes from either), the time
  the generation began as `Last-Modified` and an `ETag`, so
  `ConditionalGetMiddleware` answers a revalidation with `304 Not Modified`.
- **Outages.** The cache is an accelerator: while Redis is down the cache
  reads as empty (secretariat.cache, which logs the outage once per interval)
  and pages are rendered as if nothing were cached. If the database fails as a
  generation begins, the view answers as it does for any database outage
  (secretariat.middleware: 503).

PAGE_CACHE_SECONDS = 0 turns the cache off; the headers stay.
"""

import datetime
import functools
import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

from secretariat.middleware import DATABASE_ERRORS

logger = logging.getLogger(__name__)

GENERATION_KEY = "page_cache:generation"
# A token set anew by each change (`clear`); a generation is of the token it began under.
CHANGE_KEY = "page_cache:change"
# How many times `clear` tries to end the generation before giving up: one slow
# answer from Redis must not leave the old pages served until the generation ends.
CLEAR_ATTEMPTS = 3

# Apps whose rows make up what the public sees. A save or delete of any of their
# rows, or of a link between them, ends the current generation.
CONTENT_APPS = {"events", "people", "tags", "taggit", "redirects", "sites"}


def _personal(request):
    """Whether the request carries state that may change the page: a session or a message."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def _cacheable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _next_midnight(now):
    today = timezone.localdate(now)
    return timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )


# Callables, each giving the next time public pages change by themselves, or None.
_scheduled_changes = []


def changes_by_itself_at(when):
    """Register `when()`: the next time public pages change without a save (or None).

    Called by the content apps as they start (a scheduled publication); each
    generation ends at the earliest of the times they give.
    """
    _scheduled_changes.append(when)


def _new_generation(change):
    """A generation beginning now, after `change`, until pages may next change by themselves."""
    now = timezone.now()
    ends = [now + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS), _next_midnight(now)]
    ends += [at for when in _scheduled_changes if (at := when()) is not None]
    return {"key": uuid.uuid4().hex, "began": now, "ends": min(ends), "change": change}


def _current(found):
    """The generation in `found` (read from the cache), or a new one (stored) if it is over.

    Over: missing, ended, or begun before the last change. The change is the one
    read with it, before the new generation reads the database: a change
    committed meanwhile (a scheduled event the new generation's end does not
    know of) marks another, and the next request begins a generation again.
    """
    generation, change = found.get(GENERATION_KEY), found.get(CHANGE_KEY)
    if (
        generation is None
        or generation["ends"] <= timezone.now()
        or generation.get("change") != change
    ):
        generation = _new_generation(change)
        timeout = (generation["ends"] - generation["began"]).total_seconds()
        cache.set(GENERATION_KEY, generation, timeout=max(1, int(timeout)))
    return generation


def current_generation():
    """The generation pages are kept under, started anew when the last one is over.

    Starting a generation costs one query (the next scheduled publication).
    """
    return _current(cache.get_many([GENERATION_KEY, CHANGE_KEY]))


def clear(**kwargs):
    """Mark a change, which ends the generation: every page is rendered afresh on its next request.

    Also a signal receiver (post_migrate), hence `kwargs`.
    """
    for _attempt in range(CLEAR_ATTEMPTS):
        # set_many, unlike set, says whether the cache stored the key.
        if not cache.set_many({CHANGE_KEY: uuid.uuid4().hex}, timeout=None):
            return
    logger.error("Page cache: could not mark a change")


def _page_key(request, language):
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    release = getattr(staticfiles_storage, "manifest_hash", "")  # none in development
    return f"page_cache:{release}:{language}:{url}"


def _lookup(key):
    """(the current generation, the page kept under `key` in it or None): one cache read."""
    found = cache.get_many([GENERATION_KEY, CHANGE_KEY, key])
    generation = _current(found)
    entry = found.get(key)
    if entry is None or entry[0] != generation["key"]:
        return generation, None
    return generation, entry[1:]


def _keep(key, generation, response):
    set_response_etag(response)
    timeout = (generation["ends"] - timezone.now()).total_seconds()
    entry = (generation["key"], response.status_code, response.content, dict(response.items()))
    cache.set(key, entry, int(timeout))


def _public_headers(response, generation):
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PROXY_CACHE_SECONDS)
    if generation is not None:
        response["Last-Modified"] = http_date(generation["began"].timestamp())


def _from_cache(entry):
    status, content, headers = entry
    return HttpResponse(content, status=status, headers=headers)


@functools.lru_cache(maxsize=1024)
def _is_public_path(path, urlconf):
    """Whether `path` is served by a view wrapped in `public_page` (remembered per path)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


class PageCacheMiddleware:
    """Serve kept pages to anonymous visitors, and keep new ones (see the module's rules).

    Placed after WhiteNoise and before the session middleware: a page served
    from the cache skips the middleware below, the URLconf and the view, and
    what they add to its headers (Content-Language, X-Frame-Options…) is kept
    with it; the middleware above (security headers, CSP, conditional GET)
    runs on every response. Only addresses of public pages are looked up, so
    other requests (the health check, the API, the admin) never touch the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PAGE_CACHE_SECONDS
            or _personal(request)
            or not _is_public_path(
                request.path_info, getattr(request, "urlconf", settings.ROOT_URLCONF)
            )
        ):
            return self.get_response(request)

        # The language LocaleMiddleware will choose (this site has no language prefixes).
        language = get_language_from_request(request)
        key = _page_key(request, language)
        try:
            generation, entry = _lookup(key)
        except DATABASE_ERRORS:
            # A new generation reads the database: the view will answer its outage (503).
            return self.get_response(request)
        if entry is not None:
            return _from_cache(entry)

        request.page_cache_generation = generation
        response = self.get_response(request)
        if _cacheable(response) and response.get("Content-Language") == language:
            _keep(key, generation, response)
        return response


def public_page(view):
    """Mark `view` as a public page: kept for anonymous visitors by PageCacheMiddleware.

    Its responses get the page cache's HTTP caching headers, or, for a visitor
    with a session, are marked private.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if _personal(request):
            patch_vary_headers(response, ("Cookie",))
            patch_cache_control(response, private=True)
        elif _cacheable(response):
            _public_headers(response, getattr(request, "page_cache_generation", None))
        return response

    wrapped.public_page = True
    return wrapped


def public_pages(urlpatterns):
    """`public_page` on every view of a list of paths: a URLconf's public pages."""
    for pattern in urlpatterns:
        pattern.callback = public_page(pattern.callback)
    return urlpatterns


def _content_changed(sender, using="default", **kwargs):
    # Registered per change, so that the last callback of a transaction is one of
    # these, after the search index's (connected earlier: see secretariat.apps).
    transaction.on_commit(clear, using=using)


def _m2m_changed(sender, instance, action, using, **kwargs):
    if action.startswith("post_") and instance._meta.app_label in CONTENT_APPS:
        _content_changed(sender, using=using)


def connect():
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS:
            uid = f"page_cache.{model._meta.label_lower}"
            post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(_m2m_changed, dispatch_uid="page_cache.m2m")
    # Sent for each app that has models: once is enough, for the events the pages show.
    post_migrate.connect(
        clear, sender=apps.get_app_config("events"), dispatch_uid="page_cache.migrate"
    )

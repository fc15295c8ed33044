"""The page cache: whole public pages, kept for anonymous visitors. The rules:

- **Kept.** Views wrapped in `public_page`; GET and HEAD; 200 responses that set
  no cookie and say neither `private` nor `no-store`. A visitor with a session
  or a pending message is never served from or stored in it; their pages are
  marked private.
- **Keys.** The full address (its language prefix), the language and the static files' manifest
  hash (a deploy removes old files); a page is served only while the
  *generation* it was kept in lasts. Generation, last change and page are read
  in one round trip.
- **Invalidation.** A generation ends at any change, marked on commit: a save or
  delete in `CONTENT_APPS`, a many-to-many change between them, `migrate`, a
  search reindex. A generation begun before the last change is over (`_current`).
  It also ends at the next scheduled publication, at midnight and after
  PAGE_CACHE_SECONDS. Marking a change is retried, then logged.
- **HTTP.** `Cache-Control: public, s-maxage=PROXY_CACHE_SECONDS`, `Vary:
  Cookie`, `Last-Modified` (the generation's start) and an `ETag`, so
  `ConditionalGetMiddleware` answers revalidations with 304. A page's language
  is in its address: only the few without a prefix (the sitemap, robots.txt, the
  redirects to a language) vary on Accept-Language, as LocaleMiddleware says.
- **Outages.** Redis down: the cache reads as empty. Database down as a
  generation begins: the view's 503.

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
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language_from_path, get_language_from_request

from secretariat.middleware import DATABASE_ERRORS

logger = logging.getLogger(__name__)

GENERATION_KEY = "page_cache:generation"
# A token set anew by each change (`clear`); a generation is of the token it began under.
CHANGE_KEY = "page_cache:change"
# One slow answer from Redis must not leave old pages served until the generation ends.
CLEAR_ATTEMPTS = 3

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

    Each generation ends at the earliest of the registered times.
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

    Over: missing, ended, or begun before the last change. The new one records
    the change read with `found`, so a change committed meanwhile ends it. A new
    one costs a query (the next scheduled publication).
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


def clear(**kwargs):
    """Mark a change, which ends the generation. Also a post_migrate receiver (`kwargs`)."""
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
    patch_vary_headers(response, ("Cookie",))
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PROXY_CACHE_SECONDS)
    if generation is not None:
        response["Last-Modified"] = http_date(generation["began"].timestamp())


def _from_cache(entry):
    status, content, headers = entry
    return HttpResponse(content, status=status, headers=headers)


@functools.lru_cache(maxsize=1024)
def _is_public_path(path, urlconf, language):
    """Whether `path` is served by a view wrapped in `public_page` (remembered per path).

    Resolved in `language`, as LocaleMiddleware will have activated it: the
    language prefixes of i18n_patterns match only the active language.
    """
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


class PageCacheMiddleware:
    """Serve kept pages to anonymous visitors, and keep new ones (see the module's rules).

    After WhiteNoise, before sessions: the headers of the middleware below are
    kept with the page; those above run on every response. Only public pages'
    addresses touch the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PAGE_CACHE_SECONDS
            or _personal(request)
        ):
            return self.get_response(request)
        # As LocaleMiddleware will choose: the address's prefix, else the visitor's.
        language = get_language_from_path(request.path_info) or get_language_from_request(request)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if not _is_public_path(request.path_info, urlconf, language):
            return self.get_response(request)

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
    """Mark `view` as a public page: kept by PageCacheMiddleware, with its HTTP headers.

    For a visitor with a session its responses are marked private.
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
    # Per change, so that the transaction's last callback is this, after the search index's.
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
    # Sent for each app with models: once is enough.
    post_migrate.connect(
        clear, sender=apps.get_app_config("events"), dispatch_uid="page_cache.migrate"
    )

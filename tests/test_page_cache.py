"""The page cache (secretariat.page_cache): kept for anonymous visitors, never stale.

Changes are made inside `django_capture_on_commit_callbacks(execute=True)`,
which runs what the commit would run (the search index, then the cache's end of
generation), as a real transaction does.
"""

import datetime
import io
import logging

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from secretariat import page_cache
from secretariat.cache import RedisCache
from tags.services import merge_tags
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    TagFactory,
    UserFactory,
)
from tests.tools import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings, _page_cache_off):
    settings.PAGE_CACHE_SECONDS = 60 * 60
    settings.PROXY_CACHE_SECONDS = 0


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change made as if in its own transaction: what follows its commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def event(committed):
    with committed():
        event = EventFactory(title="Kunming roundtable", tags=["Ecology"])
        QuoteFactory(event=event, text="Green development is our common path.")
    return event


def cached_twice(client, url, headers=None):
    """The page as first rendered, and as served again from the cache."""
    first = client.get(url, headers=headers)
    assert first.status_code == 200, url
    second = client.get(url, headers=headers)
    return first, second


def test_a_page_served_from_the_cache_costs_no_query(client, event, django_assert_num_queries):
    first = client.get("/en/events/")

    with django_assert_num_queries(0):
        second = client.get("/en/events/")

    assert second.status_code == 200
    assert second.content == first.content
    assert "Kunming roundtable" in second.text


def test_every_public_page_type_is_cached(client, event, django_assert_num_queries):
    person = PersonFactory()
    organisation = OrganisationFactory()
    tag = event.tags.get()
    urls = [
        "/en/",
        "/ru/",
        "/en/events/",
        "/en/events/?tag=ecology",
        event.get_absolute_url(),
        person.get_absolute_url(),
        organisation.get_absolute_url(),
        "/en/people/",
        "/en/organisations/",
        "/en/tags/",
        tag.get_absolute_url(),
        "/en/quotes/",
        "/en/search/?q=Kunming",
        "/en/search/suggest/?q=Kun",
        reverse("feeds:events_rss"),
        reverse("feeds:events_calendar"),
        reverse("sitemap"),
        reverse("robots"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url

    for url in urls:
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200, url


def test_the_address_query_and_language_each_have_their_own_page(client, event):
    english, _ = cached_twice(client, "/en/events/", {"accept-language": "ru"})
    russian, _ = cached_twice(client, "/ru/events/", {"accept-language": "en"})
    chinese, _ = cached_twice(client, "/zh-hans/events/")
    tagged, _ = cached_twice(client, "/en/events/?tag=ecology")
    untagged, _ = cached_twice(client, "/en/events/?tag=no-such-tag")

    # The address decides the language, whatever the visitor's browser asks for.
    assert english["Content-Language"] == "en"
    assert russian["Content-Language"] == "ru"
    assert chinese["Content-Language"] == "zh-hans"
    assert len({english.content, russian.content, chinese.content}) == 3
    assert "Kunming roundtable" in tagged.text
    assert "Kunming roundtable" not in untagged.text


def test_a_kept_page_is_served_with_every_header_it_was_rendered_with(client, event):
    first, second = cached_twice(client, event.get_absolute_url().replace("/en/", "/ru/"))

    # Set by the middleware a kept page skips (locale, clickjacking, common) and
    # by the middleware that runs on every response (security, CSP, permissions).
    for header in [
        "Content-Language",
        "X-Frame-Options",
        "Content-Length",
        "Content-Type",
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Vary",
        "Cache-Control",
        "ETag",
    ]:
        assert second[header] == first[header], header
    assert second["Content-Language"] == "ru"
    assert second.content == first.content


def test_a_page_kept_in_one_language_is_not_served_in_another(client, event):
    cached_twice(client, "/ru/events/")
    client.cookies["django_language"] = "zh-hans"

    assert client.get("/ru/events/")["Content-Language"] == "ru"
    assert client.get("/zh-hans/events/")["Content-Language"] == "zh-hans"


def test_other_addresses_never_touch_the_cache(client, event, monkeypatch):
    looked_up, page_key = [], page_cache._page_key

    def page_key_noted(request, language):
        looked_up.append(request.path)
        return page_key(request, language)

    monkeypatch.setattr(page_cache, "_page_key", page_key_noted)
    health = client.get("/healthz")
    api = client.get("/api/events/")
    missing = client.get("/no-such-page/")
    page = client.get("/en/events/")

    assert (health.status_code, api.status_code, missing.status_code) == (200, 200, 404)
    assert page.status_code == 200
    assert looked_up == ["/en/events/"]


# Every change is visible on the very next request.


def test_publishing_shows_the_event_on_the_next_request(client, committed):
    draft = EventFactory(draft=True, title="Draft roundtable")
    assert "Draft roundtable" not in client.get("/en/events/").text

    with committed():
        draft.status = Event.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()

    assert "Draft roundtable" in client.get("/en/events/").text
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_publishing_in_the_admin_shows_the_event_on_the_next_request(client, committed):
    from tests.admin_helpers import admin_url, event_form_data

    draft = EventFactory(draft=True, title="Draft roundtable")
    assert "Draft roundtable" not in client.get("/en/").text
    staff = Client()
    staff.force_login(UserFactory(is_superuser=True, is_staff=True))

    with committed():
        response = staff.post(
            admin_url(Event, "change", draft.pk),
            event_form_data(draft, status=Event.Status.PUBLISHED),
        )

    assert response.status_code == 302, response.content
    assert "Draft roundtable" in client.get("/en/").text


def test_an_edit_shows_on_the_next_request(client, event, committed):
    assert "Kunming roundtable" in client.get(event.get_absolute_url()).text

    with committed():
        event.title = "Kunming roundtable on ecology"
        event.save()

    page = client.get(event.get_absolute_url()).text
    assert "Kunming roundtable on ecology" in page
    assert "Kunming roundtable on ecology" in client.get("/en/events/").text


def test_an_edit_to_a_related_record_shows_on_the_next_request(client, event, committed):
    quote = event.quotes.get()
    assert "Green development" in client.get("/en/quotes/").text

    with committed():
        quote.text = "Clear waters and green mountains."
        quote.save()

    page = client.get("/en/quotes/").text
    assert "Clear waters and green mountains." in page
    assert "Green development" not in page


def test_unpublishing_hides_the_event_on_the_next_request(client, event, committed):
    assert client.get(event.get_absolute_url()).status_code == 200
    assert "Kunming roundtable" in client.get("/en/events/").text

    with committed():
        event.status = Event.Status.DRAFT
        event.save()

    assert client.get(event.get_absolute_url()).status_code == 404
    assert "Kunming roundtable" not in client.get("/en/events/").text
    assert "Kunming roundtable" not in client.get("/en/search/?q=Kunming").text


def test_a_deletion_shows_on_the_next_request(client, event, committed):
    url = event.get_absolute_url()
    assert client.get(url).status_code == 200

    with committed():
        event.delete()

    assert client.get(url).status_code == 404
    assert "Kunming roundtable" not in client.get("/en/events/").text


def test_a_new_tag_link_shows_on_the_next_request(client, event, committed):
    with committed():
        tag = TagFactory(name="Water")
        EventFactory(title="Water forum", tags=[tag])
    page = client.get(tag.get_absolute_url()).text
    assert "Water forum" in page
    assert "Kunming roundtable" not in page

    with committed():
        event.tags.add(tag)

    assert "Kunming roundtable" in client.get(tag.get_absolute_url()).text


def test_a_tag_merge_shows_on_the_next_request(client, event, committed):
    ecology = event.tags.get()
    environment = TagFactory(name="Environment")
    assert "Kunming roundtable" not in client.get(environment.get_absolute_url()).text
    assert client.get(ecology.get_absolute_url()).status_code == 200

    with committed():
        merge_tags(environment, [ecology])

    assert "Kunming roundtable" in client.get(environment.get_absolute_url()).text
    response = client.get(ecology.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == environment.get_absolute_url()


def test_a_scheduled_event_appears_when_its_time_comes(client, committed, monkeypatch):
    now = timezone.now()
    with committed():
        scheduled = EventFactory(
            title="Scheduled roundtable", published_at=now + datetime.timedelta(minutes=5)
        )
    assert "Scheduled roundtable" not in client.get("/en/events/").text
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    # Nothing is saved when the time comes: the generation ends by itself.
    later = now + datetime.timedelta(minutes=5, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Scheduled roundtable" in client.get("/en/events/").text
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def current_generation():
    generation, _page = page_cache._lookup("page_cache:no-page")  # as a page request reads it
    return generation


def test_the_generation_ends_at_the_next_publication_midnight_or_the_setting(settings):
    now = timezone.now()
    settings.PAGE_CACHE_SECONDS = 60
    assert current_generation()["ends"] <= now + datetime.timedelta(seconds=61)

    page_cache.clear()
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 60 * 60
    generation = current_generation()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    assert generation["ends"] == midnight

    page_cache.clear()
    publication = now + datetime.timedelta(minutes=3)
    EventFactory(published_at=publication)
    EventFactory(published_at=publication + datetime.timedelta(minutes=1))
    EventFactory(draft=True)
    assert current_generation()["ends"] == min(publication, midnight)


def renamed_without_signals(event, title):
    """`event` renamed as a deploy or a bulk write would: no signal ends the generation."""
    Event.objects.filter(pk=event.pk).update(title=title)


def test_migrate_ends_the_generation(client, event):
    cached_twice(client, "/en/events/")
    renamed_without_signals(event, "Kunming roundtable, as the new templates show it")
    assert "as the new templates" not in client.get("/en/events/").text  # still kept

    call_command("migrate", verbosity=0)

    assert "as the new templates" in client.get("/en/events/").text


def test_rebuilding_the_search_index_ends_the_generation(client, event, committed):
    cached_twice(client, "/en/events/")
    renamed_without_signals(event, "Kunming roundtable, updated in bulk")
    assert "updated in bulk" not in client.get("/en/events/").text

    with committed():
        call_command("search_reindex", stdout=io.StringIO())

    assert "updated in bulk" in client.get("/en/events/").text


def test_pages_naming_another_release_of_the_static_files_are_not_served(
    client, event, monkeypatch
):
    cached_twice(client, "/en/events/")
    renamed_without_signals(event, "Kunming roundtable, deployed again")

    # A deploy with other static files: the old pages name files that may be gone.
    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "another-release", raising=False)

    assert "deployed again" in client.get("/en/events/").text


def test_a_failed_mark_of_a_change_is_tried_again(client, event, committed, monkeypatch):
    cached_twice(client, "/en/events/")
    set_many, failed = page_cache.cache.set_many, []

    def set_many_failing_once(data, *args, **kwargs):
        if page_cache.CHANGE_KEY in data and not failed:
            failed.append(data)
            return list(data)  # not stored: what secretariat.cache answers while Redis is down
        return set_many(data, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set_many", set_many_failing_once)
    with committed():
        event.title = "Kunming roundtable on ecology"
        event.save()

    assert len(failed) == 1
    assert "Kunming roundtable on ecology" in client.get("/en/events/").text


def test_a_scheduled_event_committed_while_a_generation_begins_appears_when_due(
    client, committed, monkeypatch
):
    begin = page_cache._new_generation

    def begin_while_another_worker_commits(*args):
        generation = begin(*args)  # its end: no scheduled event yet
        if not Event.objects.exists():
            with committed():
                EventFactory(title="Scheduled forum", published_at=in_five_minutes)
        return generation

    in_five_minutes = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(page_cache, "_new_generation", begin_while_another_worker_commits)
    assert "Scheduled forum" not in client.get("/en/events/").text

    later = in_five_minutes + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Scheduled forum" in client.get("/en/events/").text


def test_a_missing_page_is_not_kept(client, committed):
    assert client.get("/en/events/kunming-roundtable/").status_code == 404

    with committed():
        EventFactory(slug="kunming-roundtable")

    assert client.get("/en/events/kunming-roundtable/").status_code == 200


def test_the_cache_is_cleared_after_the_search_index_is_rebuilt(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        EventFactory(tags=["Ecology"])

    assert callbacks[-1] is page_cache.clear
    names = [callback.__qualname__ for callback in callbacks]
    assert "_flush" in names
    assert names.index("_flush") < len(names) - 1


def test_a_failed_search_index_rebuild_still_ends_the_generation(
    client, event, committed, monkeypatch, caplog
):
    cached_twice(client, "/en/events/")

    def index(kind, pks):
        raise TimeoutError("the search index's tables are locked")

    monkeypatch.setattr("search.signals.index", index)
    with caplog.at_level(logging.ERROR), committed():
        event.title = "Kunming roundtable on ecology"
        event.save()

    assert "Kunming roundtable on ecology" in client.get("/en/events/").text
    assert any("_flush" in message for message in caplog.messages)


# Staff, previews and drafts are never cached.


def test_staff_are_never_served_from_the_cache(client, event):
    cached_twice(client, event.get_absolute_url())
    # Unpublished without the commit's callbacks: the cache still holds the public page.
    event.status = Event.Status.DRAFT
    event.save()
    staff = Client()
    staff.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = staff.get(event.get_absolute_url())

    assert "Draft — not public" in page.text
    assert "private" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]


def test_a_staff_preview_of_a_draft_is_never_kept(client):
    draft = EventFactory(draft=True, title="Draft roundtable")
    staff = Client()
    staff.force_login(UserFactory(is_superuser=True, is_staff=True))

    preview = staff.get(draft.get_absolute_url())
    preview_again = staff.get(draft.get_absolute_url())

    assert "Draft roundtable" in preview.text
    assert preview_again.status_code == 200
    assert "private" in preview["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Draft roundtable" not in client.get("/en/events/").text


def test_a_visitor_with_a_session_is_not_served_from_the_cache(
    client, event, django_assert_max_num_queries
):
    cached_twice(client, "/en/events/")
    client.cookies["sessionid"] = "not-a-session"

    with django_assert_max_num_queries(10) as queries:
        response = client.get("/en/events/")

    assert response.status_code == 200
    assert len(queries) > 0
    assert "private" in response["Cache-Control"]


def test_the_language_form_needs_no_token_and_its_choice_is_served(client, event):
    response = client.post(
        "/i18n/setlang/",
        {"language": "ru", "next": "/en/events/"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    # The same page in the chosen language, and the choice remembered for `/`.
    assert response.status_code == 302
    assert response["Location"] == "/ru/events/"
    assert client.cookies["django_language"].value == "ru"
    assert client.get("/ru/events/")["Content-Language"] == "ru"
    assert client.get("/")["Location"] == "/ru/"


def test_without_the_page_cache_every_request_renders(client, event, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/events/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/events/")

    assert response.status_code == 200
    assert len(queries) > 0
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=0"


# HTTP caching.


def test_public_pages_tell_proxies_how_to_keep_them(client, event, settings):
    first, second = cached_twice(client, "/en/events/")

    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=0"
        # The language is in the address: a proxy keeps one copy per address.
        assert {value.strip() for value in response["Vary"].split(",")} == {"Cookie"}
        assert response["ETag"] == first["ETag"]
        assert response["Last-Modified"] == first["Last-Modified"]

    settings.PROXY_CACHE_SECONDS = 300
    page_cache.clear()
    assert client.get("/en/events/")["Cache-Control"] == "public, max-age=0, s-maxage=300"


def test_a_revalidation_of_an_unchanged_page_is_answered_304(
    client, event, django_assert_num_queries
):
    first, _ = cached_twice(client, "/en/events/")

    with django_assert_num_queries(0):
        by_etag = client.get("/en/events/", headers={"if-none-match": first["ETag"]})
        by_date = client.get("/en/events/", headers={"if-modified-since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.content == by_date.content == b""


def test_a_revalidation_after_a_change_gets_the_new_page(client, event, committed):
    first, _ = cached_twice(client, "/en/events/")

    with committed():
        event.title = "Kunming roundtable on ecology"
        event.save()

    response = client.get("/en/events/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert "Kunming roundtable on ecology" in response.text
    assert response["ETag"] != first["ETag"]


# Outages.


def test_with_the_cache_down_pages_are_served_uncached(
    client, event, cache_down, caplog, committed
):
    with caplog.at_level(logging.WARNING, logger="secretariat.page_cache"):
        first = client.get("/en/events/")
        with committed():
            event.title = "Kunming roundtable on ecology"
            event.save()
        second = client.get("/en/events/")

    assert first.status_code == second.status_code == 200
    assert "Kunming roundtable" in first.text
    assert "Kunming roundtable on ecology" in second.text
    assert "Page cache: could not mark a change" in caplog.messages
    assert [r.name for r in caplog.records].count("secretariat.cache") == 1  # the outage, once


def test_generated_data_written_in_bulk_shows_on_the_next_request(client):
    assert client.get("/en/events/").context["paginator"].count == 0

    call_command(
        "generate_data",
        events=5,
        people=5,
        organisations=2,
        sessions=0,
        quotes=0,
        tags=3,
        stdout=io.StringIO(),
    )

    assert client.get("/en/events/").context["paginator"].count == Event.objects.published().count()
    assert Event.objects.published().exists()


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    # Two servers: Django writes to the first and reads from the others.
    servers = f"redis://127.0.0.1:{closed_port()}/0;redis://127.0.0.1:{closed_port()}/0"
    backend = RedisCache(servers, {"OPTIONS": {"socket_connect_timeout": 0.25}})._cache

    writers = [backend.get_client(write=True) for _ in range(10)]  # kept: ids stay unique
    readers = [backend.get_client() for _ in range(10)]

    assert len({id(client) for client in writers}) == 1
    assert len({id(client) for client in readers}) == 1
    assert readers[0] is not writers[0]
    assert readers[0].connection_pool is not writers[0].connection_pool

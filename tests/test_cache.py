"""The cache while Redis is down (secretariat.cache): it reads as empty, logged once a minute."""

import logging
import re
import shutil

import pytest
from django.core.cache import cache

from bench.faults import PrivateRedis
from tests import factories
from tests.tools import cache_settings, missing_tool

START = r"Cache unavailable, read as empty \(ConnectionError: .+\); failed calls are counted and logged every 60 s"  # noqa: E501
ONGOING = r"Cache unavailable, read as empty: {count} failed calls in the last 60 s \(ConnectionError: .+\)"  # noqa: E501


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(cache_down, monkeypatch):
    """The outage log's clock, for the cache that is down."""
    clock = Clock()
    monkeypatch.setattr(cache.outage, "clock", clock)
    return clock


def records(caplog):
    return [(r.name, r.levelname, r.getMessage(), r.exc_info) for r in caplog.records]


def test_while_redis_is_down_the_cache_reads_as_empty(cache_down, caplog):
    with caplog.at_level(logging.INFO):
        answers = [
            cache.get("key"),
            cache.get("key", "default"),
            cache.get_many(["a", "b"]),
            cache.add("key", 1),
            cache.set("key", 1),
            cache.set_many({"a": 1, "b": 2}),
            cache.touch("key"),
            cache.delete("key"),
            cache.has_key("key"),
            cache.delete_many(["a", "b"]),
            cache.clear(),
            cache.get_or_set("key", "computed"),
        ]
        with pytest.raises(ValueError, match=r"Key 'key' not found\."):
            cache.incr("key")

    assert answers == [
        None, "default", {}, False, None, ["a", "b"], False, False, False, None, False, "computed",
    ]  # fmt: skip
    assert cache.down
    [(name, level, message, exc_info)] = records(caplog)
    assert (name, level, exc_info) == ("secretariat.cache", "WARNING", None)
    assert re.fullmatch(START, message)


def test_an_outage_is_logged_again_after_a_minute_with_the_number_of_failed_calls(
    cache_down, clock, caplog
):
    with caplog.at_level(logging.INFO):
        for _ in range(25):
            cache.get("key")
        clock.now += 59
        cache.get("key")  # 26 calls: the first one logged, 25 counted
        lines_in_the_first_minute = len(caplog.records)
        clock.now += 1
        cache.get("key")
        for _ in range(5):
            cache.get("key")  # counted for the next line

    assert lines_in_the_first_minute == 1
    assert [(r.name, r.levelname, r.exc_info) for r in caplog.records] == [
        ("secretariat.cache", "WARNING", None)
    ] * 2
    assert re.fullmatch(ONGOING.format(count=26), caplog.records[1].getMessage())


@pytest.mark.django_db
def test_pages_and_the_api_log_a_cache_outage_once_a_minute(
    client, cache_down, clock, caplog, settings
):
    settings.PAGE_CACHE_SECONDS = 60 * 60
    event = factories.EventFactory()
    factories.EventImageFactory(event=event, alt_text="The hall")
    paths = ["/en/events/", event.get_absolute_url(), "/api/tags/"]

    with caplog.at_level(logging.INFO):
        statuses = [client.get(path).status_code for path in paths * 10]
        in_the_first_minute = records(caplog)
        clock.now += 60
        last = client.get("/en/events/")

    assert statuses == [200] * 30
    assert last.status_code == 200
    assert [(name, level, exc_info) for name, level, _, exc_info in in_the_first_minute] == [
        ("secretariat.cache", "WARNING", None),
        ("api.throttling", "WARNING", None),
    ]
    assert in_the_first_minute[1][2] == (
        "API rate limit counted per process, the cache being unavailable; "
        "requests are counted and logged every 60 s"
    )
    [(name, level, message, exc_info)] = records(caplog)[2:]
    assert (name, level, exc_info) == ("secretariat.cache", "WARNING", None)
    assert re.fullmatch(ONGOING.format(count=r"[1-9][0-9]+"), message)


def test_the_end_of_an_outage_is_logged_and_the_next_one_starts_anew(settings, caplog):
    if not shutil.which("redis-server"):
        missing_tool("redis-server not found: install it with `apt-get install redis-server`")
    server = PrivateRedis()  # its port is free: Redis is down until started
    settings.CACHES = cache_settings(server.url)
    try:
        with caplog.at_level(logging.INFO):
            cache.set("key", "kept while down")
            cache.get("key")
            cache.get("key")
            server.start()
            cache.set("key", "kept")
            found = cache.get("key")
            up = not cache.down
            server.stop()
            cache.get("key")
    finally:
        server.stop()

    assert (found, up) == ("kept", True)
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "secretariat.cache"]
    assert [level for level, _ in lines] == ["WARNING", "INFO", "WARNING"]
    assert re.fullmatch(START, lines[0][1])
    assert lines[1][1] == "Cache available again: 2 failed calls since the last report"
    assert re.fullmatch(START, lines[2][1])

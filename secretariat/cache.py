"""Django's Redis cache backend: one client per connection pool, and empty while Redis is down.

Django's own `RedisCacheClient.get_client()` builds a new `redis.Redis` for every
cache call, which copies the library's table of response callbacks each time:
about a third of what a page cache hit costs (secretariat.page_cache). A
`redis.Redis` is safe to share between threads, and its pool opens new
connections after a fork, so one per pool serves the process.

Outages are decided here, for every user of the cache: the cache is an
accelerator, so while Redis is down each call answers as an empty cache would
(reads miss, writes are lost) and the outage is logged by an `OutageLog`, once
per interval with the number of failed calls, not once per call. Users that
must know a call failed ask in the cache's own terms: `set_many` returns the
keys it could not store (secretariat.page_cache), and `down` says whether the
cache is failing (api.throttling).
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

# Seconds between two log lines about the same outage.
OUTAGE_LOG_SECONDS = 60


class OutageLog:
    """An outage of something the site can do without, logged at its start, then once per interval.

    Call `failed()` on each failure: the first is logged at once (a warning),
    the next ones are counted, and the first that comes `interval` seconds or
    more after the last line logs how many there were since. Call `ended()` when
    it works again: if there was an outage, the failures not yet reported are
    logged (info) and the next failure starts a new outage. `down` is true from
    a failure until then. One per process: each gunicorn worker logs its own.

    `what` opens the outage's lines ("Cache unavailable, read as empty"),
    `counted` names what is counted ("failed calls"), `recovered` opens the
    line that ends it.
    """

    def __init__(self, logger, what, counted, recovered, interval=OUTAGE_LOG_SECONDS):
        self.logger = logger
        self.what, self.counted, self.recovered = what, counted, recovered
        self.interval = interval
        self.clock = time.monotonic
        self._lock = threading.Lock()
        self._logged_at = None  # when the last line was written; None: no outage
        self._count = 0

    @property
    def down(self):
        return self._logged_at is not None

    def failed(self, error=None):
        detail = f" ({type(error).__name__}: {error})" if error is not None else ""
        with self._lock:
            now = self.clock()
            if self._logged_at is None:
                self._logged_at, self._count = now, 0
                line = (
                    "%s%s; %s are counted and logged every %d s",
                    self.what,
                    detail,
                    self.counted,
                    self.interval,
                )
            else:
                self._count += 1
                if now - self._logged_at < self.interval:
                    return
                line = (
                    "%s: %d %s in the last %d s%s",
                    self.what,
                    self._count,
                    self.counted,
                    round(now - self._logged_at),
                    detail,
                )
                self._logged_at, self._count = now, 0
        self.logger.warning(*line)

    def ended(self):
        if self._logged_at is None:  # the usual case, without taking the lock
            return
        with self._lock:
            if self._logged_at is None:
                return
            count = self._count
            self._logged_at, self._count = None, 0
        self.logger.info("%s: %d %s since the last report", self.recovered, count, self.counted)


# One per Redis server (list), shared by the backend instances Django makes for
# each thread, so that a process logs an outage once.
_outages = {}
_outages_lock = threading.Lock()


def _outage_of(servers):
    with _outages_lock:
        if servers not in _outages:
            _outages[servers] = OutageLog(
                logger, "Cache unavailable, read as empty", "failed calls", "Cache available again"
            )
        return _outages[servers]


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


_MISSING = object()


class RedisCache(DjangoRedisCache):
    """Django's RedisCache (same LOCATION and OPTIONS), `ReusedClients`, empty while Redis is down.

    A call Redis fails (`redis.RedisError`: refused, timed out, out of memory…)
    answers what the call answers on an empty cache: `get` its default,
    `get_many` nothing, `add`, `touch`, `delete` and `has_key` False, `incr` a
    ValueError, `set_many` every key (as not stored); the failure goes to the
    outage log (`OutageLog`) and the next call tries Redis again.

    The redis library is imported with this module rather than on the first
    cache call, so that gunicorn's master, which makes the cache (wsgi.py),
    imports it once for every worker: a new worker's first request took 60 ms
    more importing it.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self.outage = _outage_of(tuple(self._servers))

    @property
    def down(self):
        """Whether the last call failed, in this process: true until one succeeds."""
        return self.outage.down

    def _call(self, when_down, method, *args):
        try:
            result = method(*args)
        except redis.RedisError as error:
            self.outage.failed(error)
            return when_down
        self.outage.ended()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._call(_MISSING, super().incr, key, delta, version)
        if result is _MISSING:
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)

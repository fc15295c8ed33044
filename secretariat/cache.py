"""Django's Redis cache backend: one client per connection pool, and empty while Redis is down.

- One `redis.Redis` per pool (thread-safe; reconnects after a fork), not one
  per call as Django makes: each copies the library's response callbacks.
- While Redis is down each call answers as an empty cache would and the
  outage is logged once per interval (`OutageLog`). Callers that must know
  ask `set_many` (the keys not stored) or `down`.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

OUTAGE_LOG_SECONDS = 60


class OutageLog:
    """An outage of something the site can do without, logged at its start, then once per interval.

    `failed()` on each failure: the first logs a warning, later ones are counted
    and logged at most every `interval` seconds. `ended()` when it works again:
    logs the count not yet reported (info). `down` from a failure until then.
    Per process. `what`, `counted` and `recovered` word the log lines.
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


# Per server list, shared by the per-thread backends: a process logs an outage once.
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

    A call failing with `redis.RedisError` answers as on an empty cache: `get`
    its default, `get_many` {}, `add`, `touch`, `delete`, `has_key` False, `incr`
    ValueError, `set_many` every key; it is logged, and the next call retries.
    `redis` is imported at module level so gunicorn's master imports it once.
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

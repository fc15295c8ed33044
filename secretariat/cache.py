"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's own `RedisCacheClient.get_client()` builds a new `redis.Redis` for every
cache call, which copies the library's table of response callbacks each time:
about a third of what a page cache hit costs (secretariat.page_cache). A
`redis.Redis` is safe to share between threads, and its pool opens new
connections after a fork, so one per pool serves the process.
"""

import redis  # noqa: F401  (see RedisCache)
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(DjangoRedisCache):
    """Django's RedisCache (same LOCATION and OPTIONS), with `ReusedClients`.

    The redis library is imported with this module rather than on the first
    cache call, so that gunicorn's master, which makes the cache (wsgi.py),
    imports it once for every worker: a new worker's first request took 60 ms
    more importing it.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients

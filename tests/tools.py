"""System tools some tests need (Chromium, Java, wrk, redis-server): skip or fail without them.

And a port where no service answers, for tests of one that is down, and the
cache settings for a Redis server.
"""

import os
import socket

import pytest


def missing_tool(reason):
    """Skip the test, or fail it where REQUIRE_BROWSER_TESTS says the tools must be there.

    .ci/run sets REQUIRE_BROWSER_TESTS and installs every tool, so in CI a missing
    one is a broken set-up, not a reason to skip.
    """
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS is set)", pytrace=False)
    pytest.skip(reason)


def closed_port():
    """A port on 127.0.0.1 that nothing listens on: a service that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cache_settings(location):
    """CACHES for Redis at `location`, as the settings make them from CACHE_URL."""
    return {
        "default": {
            "BACKEND": "secretariat.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }

"""System tools some tests need (Chromium, Java, wrk, redis-server): skip or fail without them."""

import os

import pytest


def missing_tool(reason):
    """Skip the test, or fail it where REQUIRE_BROWSER_TESTS says the tools must be there.

    .ci/run sets REQUIRE_BROWSER_TESTS and installs every tool, so in CI a missing
    one is a broken set-up, not a reason to skip.
    """
    if os.environ.get("REQUIRE_BROWSER_TESTS"):
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS is set)", pytrace=False)
    pytest.skip(reason)

"""The API's rate limit per client address: counted in the cache, per process while it is down."""

import logging

from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from secretariat.cache import OutageLog

logger = logging.getLogger(__name__)

# The counts this process keeps while the shared cache is down. Bounded: when
# full, the clients seen least recently are forgotten.
process_counts = LocMemCache("api-rate-limit", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
per_process = OutageLog(
    logger,
    "API rate limit counted per process, the cache being unavailable",
    "requests",
    "API rate limit counted in the cache again",
)


class ClientRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate from the settings on every request.

    DRF's own reads `DEFAULT_THROTTLE_RATES` once, when its module is imported,
    so a changed setting (a test's override) would never take effect.

    The counts live in the cache (Redis, shared by every process). While it is
    down it reads as empty (secretariat.cache), which would lift the limit:
    each process then counts in its own memory, at the same rate, and says so
    in the log once per interval. A client spread over several processes gets
    more, but no client gets an unlimited API.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is None or not getattr(self.cache, "down", False):
            per_process.ended()
            return allowed
        per_process.failed()
        self.cache = process_counts
        return super().allow_request(request, view)

"""The API's rate limit per client address: counted in the cache, per process while it is down."""

import logging

from django.core.cache.backends.locmem import LocMemCache
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from secretariat.cache import OutageLog

logger = logging.getLogger(__name__)

# While the shared cache is down. When full, the least recent clients are forgotten.
process_counts = LocMemCache("api-rate-limit", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
per_process = OutageLog(
    logger,
    "API rate limit counted per process, the cache being unavailable",
    "requests",
    "API rate limit counted in the cache again",
)


class ClientRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, with the rate read from the settings on every request.

    Counted in the cache; while it is down (it would read as empty and lift the
    limit) each process counts in its own memory, and logs it once per interval.
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

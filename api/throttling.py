"""The API's rate limit: requests per client address, counted in the cache."""

import logging

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)


class ClientRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate from the settings on every request.

    DRF's own reads `DEFAULT_THROTTLE_RATES` once, when its module is imported,
    so a changed setting (a test's override) would never take effect.

    When the cache fails (Redis down) the request is let through: the limit
    protects the site from one greedy client, and refusing everyone, or
    answering 500, during an outage of an accelerator would be worse.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning("API rate limit not counted: the cache failed", exc_info=True)
            return True

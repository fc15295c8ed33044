"""The API's rate limit: requests per client address, counted in the cache."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class ClientRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate from the settings on every request.

    DRF's own reads `DEFAULT_THROTTLE_RATES` once, when its module is imported,
    so a changed setting (a test's override) would never take effect.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

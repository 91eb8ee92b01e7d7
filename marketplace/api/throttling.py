"""Throttles on the API operations that cost other people attention: sending a proposal, a
message or a report.

They are DRF scoped throttles (a view names its ``throttle_scope``: ``proposal``, ``message``,
``report``) with the rates of the web forms (``ABUSE_LIMITS``, read by marketplace/ratelimits.py),
one per person and one per network (IP address). They count POST requests only, so reading a
list never uses up the right to write, and they sit beside the default per-user and per-IP
throttles rather than replacing them. A refusal is DRF's ``Throttled`` (429 with ``Retry-After``)
worded as on the web. When the cache is down they let the request through (RATELIMIT_FAIL_OPEN).
"""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from rest_framework.exceptions import Throttled
from rest_framework.throttling import ScopedRateThrottle

from marketplace.ratelimits import IP, USER, action_rate, client_ip, limit_message, parse_rate

logger = logging.getLogger(__name__)


class ActionUserThrottle(ScopedRateThrottle):
    """The person's limit for the view's ``throttle_scope``, on POST."""

    limited_by = USER

    def get_rate(self) -> str | None:
        return action_rate(self.scope, self.limited_by)

    def parse_rate(self, rate: str | None) -> tuple[int | None, int | None]:
        return parse_rate(rate) if rate else (None, None)

    def get_cache_key(self, request, view) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}

    def allow_request(self, request, view) -> bool:
        if request.method != "POST" or not getattr(settings, "RATELIMIT_ENABLE", True):
            return True
        try:
            allowed = super().allow_request(request, view)
        except Exception:
            if not getattr(settings, "RATELIMIT_FAIL_OPEN", False):
                raise
            logger.warning(
                "API throttle %s/%s not checked: the cache is unavailable",
                getattr(view, "throttle_scope", ""),
                self.limited_by,
            )
            return True
        if allowed:
            return True
        wait = max(int(self.wait() or 1), 1)
        retry_at = timezone.now() + dt.timedelta(seconds=wait)
        message = limit_message(
            self.scope, self.limited_by, self.num_requests, self.duration, retry_at
        )
        raise Throttled(wait=wait, detail=message)


class ActionIpThrottle(ActionUserThrottle):
    """The network's limit (per IP address) for the view's ``throttle_scope``, on POST."""

    limited_by = IP

    def get_ident(self, request) -> str:
        return client_ip(request)  # the same address the web's limits count

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": f"{self.scope}_ip", "ident": self.get_ident(request)}


class ActionThrottled:
    """Mixin for an API view whose POST is limited per person and per network."""

    throttle_scope: str

    def get_throttles(self) -> list:
        return [*super().get_throttles(), ActionUserThrottle(), ActionIpThrottle()]

"""Abuse limits: how many proposals, messages, reports and new accounts one person, and one
network (IP address), may send in a window.

The rates are settings (``ABUSE_LIMITS``, read from the environment). Web forms ask
``limit_reached`` before doing the work and call ``limit_count`` only once something was really
sent, so a form with a typing mistake costs nothing; the API counts its requests through the
throttles in ``marketplace/api/throttling.py``, which word their refusal with ``limit_message``.
Counts live in django-ratelimit's cache (``RATELIMIT_USE_CACHE``: Redis in production, shared by
every process). When that cache cannot be reached the limits let everything through
(``RATELIMIT_FAIL_OPEN``): refusing everyone would be worse than a burst of spam.
"""

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

USER, IP = "user", "ip"


@dataclass(frozen=True)
class Action:
    """What is limited, in the words its refusal uses."""

    one: str  # "proposal"
    many: str  # "proposals"
    done: str  # "sent"
    do: str  # "send"

    def count(self, number: int) -> str:
        return f"{number} {self.one if number == 1 else self.many}"


ACTIONS = {
    "proposal": Action("proposal", "proposals", "sent", "send"),
    "message": Action("message", "messages", "sent", "send"),
    "report": Action("report", "reports", "filed", "file"),
    "signup": Action("account", "accounts", "created", "create"),
}

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])[a-z]*\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"20/h"``, ``"60/10m"``, ``"5/hour"`` → (count, seconds)."""
    match = _RATE.match(rate or "")
    if not match:
        raise ValueError(f"Not a rate: {rate!r} (write it as 20/h, 60/10m or 5/d).")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _SECONDS[unit]


def period_words(seconds: int) -> str:
    """3600 → "hour", 600 → "10 minutes": the end of "in the last ..."."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            number = seconds // size
            return unit if number == 1 else f"{number} {unit}s"
    return f"{seconds} seconds"


def client_ip(request: HttpRequest) -> str:
    """The address a "network" limit counts: behind AXES_IPWARE_PROXY_COUNT proxies, the one
    the first of them saw (X-Forwarded-For, counted from the right), else REMOTE_ADDR."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [part.strip() for part in forwarded if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def action_rate(action: str, scope: str) -> str | None:
    return getattr(settings, "ABUSE_LIMITS", {}).get(action, {}).get(scope)


@dataclass(frozen=True)
class LimitReached:
    action: str
    scope: str  # USER or IP
    limit: int
    period: int  # seconds
    retry_at: dt.datetime

    @property
    def retry_after(self) -> int:
        return max(math.ceil((self.retry_at - timezone.now()).total_seconds()), 1)

    @property
    def message(self) -> str:
        return limit_message(self.action, self.scope, self.limit, self.period, self.retry_at)


def limit_message(action: str, scope: str, limit: int, period: int, retry_at: dt.datetime) -> str:
    """ "You have sent 20 proposals in the last hour. You can send more at 14:05 UTC."."""
    words = ACTIONS[action]
    # Rounded up to the minute: at the time shown, sending works.
    at = timezone.localtime(retry_at + dt.timedelta(seconds=59)).replace(second=0, microsecond=0)
    when = f"{at:%H:%M} {at.tzname()}"
    if at.date() != timezone.localdate():
        when = f"{at:%d %B} at {when}".lstrip("0")
    last = period_words(period)
    if scope == USER:
        said = f"You have {words.done} {words.count(limit)} in the last {last}."
    else:
        have = "has" if limit == 1 else "have"
        said = (
            f"{words.count(limit)} {have} been {words.done} from your network in the last {last}."
        )
    return f"{said} You can {words.do} more at {when}."


def _usage(request: HttpRequest, action: str, scope: str, *, increment: bool) -> dict | None:
    rate = action_rate(action, scope)
    if not rate or (scope == USER and not request.user.is_authenticated):
        return None
    limit, period = parse_rate(rate)
    try:
        return get_usage(
            request,
            group=f"gigwise.{action}.{scope}",
            key=scope,
            rate=(limit, period),
            increment=increment,
        )
    except Exception:
        # django-ratelimit only catches some cache failures itself (Redis raises its own).
        if not getattr(settings, "RATELIMIT_FAIL_OPEN", False):
            raise
        logger.warning("Abuse limit %s/%s not checked: the cache is unavailable", action, scope)
        return None


def limit_reached(request: HttpRequest, action: str) -> LimitReached | None:
    """The first limit (the person's, then the network's) that one more would exceed."""
    for scope in (USER, IP):
        usage = _usage(request, action, scope, increment=False)
        if usage and usage["count"] >= usage["limit"]:
            retry_at = timezone.now() + dt.timedelta(seconds=max(usage["time_left"], 1))
            _, period = parse_rate(action_rate(action, scope))
            return LimitReached(action, scope, usage["limit"], period, retry_at)
    return None


def limit_count(request: HttpRequest, action: str) -> None:
    """Count one more (sent, filed, created) against the person and their network."""
    for scope in (USER, IP):
        _usage(request, action, scope, increment=True)

"""The log-in lockout (django-axes): the page that says when it lifts, and the ways to lift it.

axes pauses log-ins for an e-mail address from one IP address after AXES_FAILURE_LIMIT wrong
passwords, for AXES_COOLOFF_TIME. Two ways end the pause early: a password reset through the
e-mailed link (the person proves they own the address, see ``lockout_clear_on_password_reset``),
or staff deleting the "access attempts" row in the admin.
"""

import datetime as dt

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_lifts_at(request: HttpRequest, username: str) -> dt.datetime | None:
    """When the pause for this e-mail address and this IP address ends (None: never alone)."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    attempts = AccessAttempt.objects.filter(username=username)
    ip_address = getattr(request, "axes_ip_address", None)
    if ip_address:
        attempts = attempts.filter(ip_address=ip_address)
    last = attempts.aggregate(last=Max("attempt_time"))["last"]
    return (last or getattr(request, "axes_attempt_time", None) or timezone.now()) + cool_off


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the lockout page, with when it lifts and how to lift it now."""
    username = get_client_username(request, credentials) or ""
    lifts_at = lockout_lifts_at(request, username)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": username,
        "lifts_at": lifts_at,
        "lifts_today": bool(lifts_at) and timezone.localdate(lifts_at) == timezone.localdate(),
    }
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    return render(request, "account/lockout.html", context, status=status)


def lockout_clear(*, email: str) -> int:
    """End every log-in pause on this e-mail address; the number of records removed."""
    return axes_reset(username=email.strip().lower())


def lockout_clear_on_password_reset(sender, request, user, **kwargs) -> None:
    """allauth's password_reset signal: the person showed they own the address."""
    lockout_clear(email=user.email)

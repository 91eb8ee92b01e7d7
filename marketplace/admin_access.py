"""Staff enter the Django admin only with a second factor (allauth MFA, a TOTP authenticator app).

- Every URL under /admin/ goes through StaffSecondFactorMiddleware: a staff member without an
  authenticator app is sent to set one up; one whose session was opened without the code is asked
  for it (allauth's re-authentication page) before the admin opens.
- /admin/login/ sends people to allauth's log-in page, never Django's admin form (allauth's own
  `secure_admin_login`, set in marketplace/urls.py), so the password is followed by the code
  (allauth's MFA login stage); someone signed in without staff status gets a 403.

allauth records each way a session was authenticated ("password", then "mfa" once the code was
given); `get_authentication_records` is its public reading of that record.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SET_UP_FIRST = (
    "Staff accounts need two-factor authentication to open the admin: set up an authenticator "
    "app, then open the admin again."
)
CODE_FIRST = "Enter the code from your authenticator app to open the admin."


def staff_second_factor_missing(request: HttpRequest) -> HttpResponse | None:
    """Where a staff member must go before the admin opens; None when nothing is missing."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return None  # the admin itself refuses them
    if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        messages.warning(request, SET_UP_FIRST)
        return redirect("mfa_activate_totp")
    records = get_authentication_records(request, user)
    if not any(record.get("method") == "mfa" for record in records):
        messages.info(request, CODE_FIRST)
        return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))
    return None


class StaffSecondFactorMiddleware:
    """Nothing under /admin/ answers a staff session that has not given its second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(reverse("admin:index")):
            response = staff_second_factor_missing(request)
            if response is not None:
                return response
        return self.get_response(request)

"""Receivers that keep sign-in safe when a person's security changes.

- A password reset through the e-mailed link ends any log-in pause (django-axes) on that address.
- Adding or removing a second factor ends the person's other sessions and renews this one's key.
  (A change of role, staff or superuser status ends every session through the session hash:
  ``User._get_session_auth_hash``.)
"""

from allauth.account.signals import password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver

from accounts.lockout import lockout_clear_on_password_reset
from accounts.services.sessions import sessions_end_others

password_reset.connect(lockout_clear_on_password_reset, dispatch_uid="gigwise-lockout-reset")


@receiver(authenticator_added, dispatch_uid="gigwise-sessions-2fa-added")
@receiver(authenticator_removed, dispatch_uid="gigwise-sessions-2fa-removed")
def sessions_end_on_second_factor_change(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        sessions_end_others(request=request, user=user)

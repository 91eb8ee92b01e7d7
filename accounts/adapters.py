"""Hooks into django-allauth and django-axes."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .secrets import secret_decrypt, secret_encrypt
from .services import profile_ensure


class AccountAdapter(DefaultAccountAdapter):
    # The house spelling is "e-mail"; these are the messages people meet most often.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_taken": _("A user is already registered with this e-mail address."),
        "email_password_mismatch": _("The e-mail address or the password is not correct."),
    }

    def save_user(self, request, user, form, commit=True):
        # The role is chosen on the sign-up form and decides which profile is created.
        user.role = form.cleaned_data["role"]
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_ensure(user=user)
        return user

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.is_staff and user.onboarded_at is None:
            return reverse("accounts:onboarding")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # Confirming the sign-up e-mail logs the person in: straight on to the wizard.
        return reverse("accounts:onboarding")


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator-app keys and recovery-code seeds are encrypted at rest (secrets.py)."""

    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The login django-axes counts failures against: allauth sends it as `email`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or ""
    if not value and request is not None:
        value = request.POST.get("login", "")
    return str(value).strip().lower()

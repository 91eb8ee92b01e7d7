"""Two-factor secrets are encrypted at rest: a database dump does not yield the second factor."""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.apps import apps
from django.test import Client
from django.urls import reverse

from accounts.secrets import secret_decrypt, secret_encrypt
from projects.demo.totp import totp_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
migration = importlib.import_module("accounts.migrations.0005_encrypt_mfa_secrets")


def turn_on_two_factor(person) -> str:
    """Through the pages, as a person does; returns the key their app was shown."""
    client = Client()
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    asked = client.get(reverse("mfa_activate_totp"))
    client.post(asked.url, {"password": PASSWORD})  # allauth asks for the password again
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.mark.django_db(transaction=True)
def test_the_stored_key_is_not_the_key_yet_signing_in_with_a_code_works(person):
    secret = turn_on_two_factor(person)

    stored = Authenticator.objects.get(user=person, type="totp").data["secret"]
    seed = Authenticator.objects.get(user=person, type="recovery_codes").data["seed"]
    assert secret not in stored
    assert stored.startswith("fernet:")
    assert seed.startswith("fernet:")

    client = Client()
    asked = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert asked.url == reverse("mfa_authenticate")
    signed_in = client.post(asked.url, {"code": totp_code(secret)})
    assert signed_in.status_code == 302
    assert client.get(reverse("projects:dashboard")).wsgi_request.user == person


def test_keys_stored_in_the_clear_before_are_read_and_the_migration_encrypts_them(person):
    plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    totp = Authenticator.objects.create(user=person, type="totp", data={"secret": plain})
    codes = RecoveryCodes.activate(person).instance
    codes.data = {**codes.data, "seed": secret_decrypt(codes.data["seed"])}
    codes.save()
    codes_before = RecoveryCodes(codes).get_unused_codes()

    migration.encrypt(apps, None)
    migration.encrypt(apps, None)  # safe twice: encrypted values are left as they are

    totp.refresh_from_db()
    codes.refresh_from_db()
    assert totp.data["secret"].startswith("fernet:")
    assert secret_decrypt(totp.data["secret"]) == plain
    assert RecoveryCodes(codes).get_unused_codes() == codes_before
    migration.decrypt(apps, None)  # and back, for a rollback
    totp.refresh_from_db()
    assert totp.data["secret"] == plain


def test_rotating_the_secret_key_keeps_secrets_readable_with_the_old_one_as_fallback(settings):
    settings.SECRET_KEY = "the-old-key-" + "x" * 40
    stored = secret_encrypt("JBSWY3DPEHPK3PXP")

    settings.SECRET_KEY = "the-new-key-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = ["the-old-key-" + "x" * 40]
    assert secret_decrypt(stored) == "JBSWY3DPEHPK3PXP"

    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ValueError, match="SECRET_KEY_FALLBACKS"):
        secret_decrypt(stored)

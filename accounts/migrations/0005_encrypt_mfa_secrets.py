"""Encrypt the two-factor secrets stored in the clear before accounts/secrets.py existed."""

from django.db import migrations

from accounts.secrets import secret_decrypt, secret_encrypt

FIELDS = ("secret", "seed")  # the TOTP key; the recovery codes' seed


def _convert(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]):
        data = dict(authenticator.data or {})
        changed = {k: change(v) for k, v in data.items() if k in FIELDS and isinstance(v, str)}
        if any(changed[k] != data[k] for k in changed):
            authenticator.data = {**data, **changed}
            authenticator.save(update_fields=["data"])


def encrypt(apps, schema_editor):
    _convert(apps, secret_encrypt)  # encrypted values are left as they are


def decrypt(apps, schema_editor):
    _convert(apps, secret_decrypt)  # plain values are left as they are


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_privacy_consent_visibility"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]

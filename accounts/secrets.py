"""Secrets kept in the database for two-factor authentication, encrypted at rest.

allauth.mfa stores each authenticator app's TOTP key and the seed of the recovery codes; both
would let whoever reads a database dump or backup pass the second factor. They are stored
encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) under a key derived
from SECRET_KEY, so rotating SECRET_KEY the Django way (the old one moved to
SECRET_KEY_FALLBACKS) keeps every stored secret readable. Values written before encryption (no
prefix) are read as they are, and migration 0005 encrypts them.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


def _key(secret_key: str) -> bytes:
    digest = hashlib.sha256(f"gigwise.mfa-secrets:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([Fernet(_key(key)) for key in keys])


def _is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)


def secret_encrypt(text: str) -> str:
    if _is_encrypted(text):
        return text  # already encrypted: encrypting twice would lose nothing but readability
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def secret_decrypt(value: str) -> str:
    if not _is_encrypted(value):
        return value  # stored before secrets were encrypted
    try:
        return _fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ValueError(
            "A two-factor secret cannot be decrypted: SECRET_KEY changed without the old key "
            "in SECRET_KEY_FALLBACKS."
        ) from None

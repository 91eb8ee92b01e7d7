"""The code an authenticator app shows for a TOTP key (RFC 6238), for the demo and the tests.

Written from the RFC rather than borrowed from allauth's internals, so a test that signs in with
it also checks that allauth accepts what a real authenticator app would show.
"""

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa import app_settings


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code for base32 `secret` at Unix time `at` (now by default): HMAC-SHA1, truncated."""
    counter = int((time.time() if at is None else at) // app_settings.TOTP_PERIOD)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    digits = app_settings.TOTP_DIGITS
    return f"{value % 10**digits:0{digits}d}"


def totp_seconds_left(*, at: float | None = None) -> int:
    """Seconds until the current code changes."""
    period = app_settings.TOTP_PERIOD
    return period - int(time.time() if at is None else at) % period

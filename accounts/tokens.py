"""Personal API tokens: how one is made, and how a presented one is recognised.

A token is ``gw_`` plus 40 random URL-safe characters (240 bits). Only its SHA-256 digest is
stored: the secret is random enough that a slow password hash would add nothing, and a digest
lets each request find its token with one indexed lookup.
"""

import hashlib
import secrets

TOKEN_PREFIX = "gw_"
PREFIX_SHOWN = 10


def token_generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(30)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()

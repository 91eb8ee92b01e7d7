"""Writes about users, by topic: `people` (accounts, profiles, API tokens), `privacy` (consent
per AI feature, field visibility, audit-only attributes) and `photos` (the profile photo).

The names of `people` are re-exported here, where callers imported them before the package.
"""

from .people import (
    EMPLOYER_FIELDS,
    FREELANCER_FIELDS,
    MAX_API_TOKENS,
    TOKEN_NAME_REQUIRED,
    TOKEN_NAME_TAKEN,
    TOO_MANY_TOKENS,
    api_token_create,
    api_token_revoke,
    api_token_touch,
    employer_profile_update,
    freelancer_profile_update,
    profile_ensure,
    user_create,
    user_mark_onboarded,
    user_name_update,
)

__all__ = [
    "EMPLOYER_FIELDS",
    "FREELANCER_FIELDS",
    "MAX_API_TOKENS",
    "TOKEN_NAME_REQUIRED",
    "TOKEN_NAME_TAKEN",
    "TOO_MANY_TOKENS",
    "api_token_create",
    "api_token_revoke",
    "api_token_touch",
    "employer_profile_update",
    "freelancer_profile_update",
    "profile_ensure",
    "user_create",
    "user_mark_onboarded",
    "user_name_update",
]

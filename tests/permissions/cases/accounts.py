"""The accounts namespace: onboarding, API tokens, privacy settings and the profile photo."""

from ..matrix import (
    DASHBOARD,
    EMPLOYERS,
    FREELANCERS,
    LOGGED_IN,
    LOGIN,
    POST_ONLY_FOR_ANY,
    POST_ONLY_FOR_FREELANCERS,
    REDIRECT,
    Case,
    roles,
)
from ..world import API_TOKEN_NAME

CASES: list[Case] = [
    Case(
        "accounts:onboarding",
        "first unfinished step",
        roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, DASHBOARD),
    ),
    Case("accounts:onboarding-about", "about you", FREELANCERS),
    Case("accounts:onboarding-rate", "rate", FREELANCERS),
    Case("accounts:onboarding-company", "company", EMPLOYERS),
    Case(
        "accounts:api-tokens",
        "own tokens",
        LOGGED_IN,
        secrets=(API_TOKEN_NAME,),
        hidden_from=("Y", "A", "B", "staff"),
    ),
    Case(
        "accounts:api-tokens",
        "empty name",
        LOGGED_IN,
        method="post",
        secrets=(API_TOKEN_NAME,),
        hidden_from=("Y", "A", "B", "staff"),
    ),
    Case(
        "accounts:api-token-revoke",
        "X's token",
        roles(LOGIN, REDIRECT, 404, 404, 404, 404),
        args=lambda w: [w.api_token.pk],
        method="post",
        secrets=(API_TOKEN_NAME,),
    ),
    Case(
        "accounts:api-token-revoke",
        "GET",
        POST_ONLY_FOR_ANY,
        args=lambda w: [w.api_token.pk],
    ),
    Case("accounts:privacy", "own settings", LOGGED_IN),
    Case(
        "accounts:privacy",
        "a wrong visibility",
        LOGGED_IN,
        method="post",
        data={"section": "visibility", "rate": "martians", "country": "nobody", "photo": "nobody"},
    ),
    Case("accounts:profile-photo", "own photo", FREELANCERS),
    Case("accounts:profile-photo", "no file", FREELANCERS, method="post"),
    Case(
        "accounts:profile-photo-remove",
        "own photo",
        roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
        method="post",
    ),
    Case("accounts:profile-photo-remove", "GET", POST_ONLY_FOR_FREELANCERS),
]

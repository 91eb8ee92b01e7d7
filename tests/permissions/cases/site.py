"""The pages outside the apps: landing, about, the icon, the API's documentation pages,
and allauth's pages (log-in, sign-up, log-out, password, e-mail, two-factor, sessions)."""

from ..matrix import LOGGED_IN, LOGIN, NOT_FOUND, PUBLIC, REDIRECT, TO_LOGIN, Case, roles, with_

VISITORS_ONLY = roles(200, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
EVERYONE_REDIRECTED = roles(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)
SIGNED_IN_REDIRECTED = roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)

SITE: list[Case] = [
    Case("landing", "home", PUBLIC, cast_only=True),
    Case("about", "credits", PUBLIC, cast_only=True),
    Case("favicon", "/favicon.ico", roles(*[301] * 6), path="/favicon.ico", cast_only=True),
    Case("api:schema", "OpenAPI", PUBLIC, cast_only=True),
    Case("api:docs", "Swagger UI", PUBLIC, cast_only=True),
    Case("api:redoc", "ReDoc", PUBLIC, cast_only=True),
]

ALLAUTH: list[Case] = [
    Case("account_login", "form", VISITORS_ONLY, cast_only=True),
    Case(
        "account_login",
        "a wrong password",
        VISITORS_ONLY,
        method="post",
        data={"login": "nobody@example.com", "password": "wrong"},
        cast_only=True,
    ),
    Case("account_signup", "form", VISITORS_ONLY, cast_only=True),
    Case("account_signup", "empty form", VISITORS_ONLY, method="post", cast_only=True),
    Case("account_logout", "confirm", roles(REDIRECT, 200, 200, 200, 200, 200), cast_only=True),
    Case("account_logout", "log out", EVERYONE_REDIRECTED, method="post", cast_only=True),
    Case("account_inactive", "page", PUBLIC, cast_only=True),
    Case("account_reauthenticate", "form", LOGGED_IN, cast_only=True),
    Case("account_email", "own addresses", LOGGED_IN, cast_only=True),
    Case("account_email_verification_sent", "page", PUBLIC, cast_only=True),
    Case(
        "account_confirm_email", "a wrong key", PUBLIC, args=lambda w: ["nonsense"], cast_only=True
    ),
    Case("account_change_password", "form", LOGGED_IN, cast_only=True),
    Case(
        "account_change_password",
        "empty form",
        LOGGED_IN,
        method="post",
        cast_only=True,
    ),
    # Everyone here has a password: "set" sends them to "change".
    Case("account_set_password", "has one", SIGNED_IN_REDIRECTED, cast_only=True),
    Case("account_reset_password", "form", PUBLIC, cast_only=True),
    Case("account_reset_password_done", "page", PUBLIC, cast_only=True),
    Case(
        "account_reset_password_from_key",
        "a forged key",
        PUBLIC,
        args=lambda w: [w.X.pk, "forged-key"],
        cast_only=True,
    ),
    Case("account_reset_password_from_key_done", "page", PUBLIC, cast_only=True),
    Case(
        "account_confirm_login_code",
        "no code sent",
        with_(EVERYONE_REDIRECTED, anonymous=TO_LOGIN),
        cast_only=True,
    ),
    Case("mfa_index", "own factors", LOGGED_IN, cast_only=True),
    Case(
        "mfa_authenticate",
        "no login pending",
        with_(EVERYONE_REDIRECTED, anonymous=TO_LOGIN),
        cast_only=True,
    ),
    Case("mfa_reauthenticate", "no authenticator", SIGNED_IN_REDIRECTED, cast_only=True),
    # Setting up or renewing a factor asks for the password again first (allauth's reauthenticate).
    Case("mfa_activate_totp", "asks for the password first", SIGNED_IN_REDIRECTED, cast_only=True),
    Case("mfa_deactivate_totp", "none to remove", NOT_FOUND | {"anonymous": LOGIN}, cast_only=True),
    Case("mfa_view_recovery_codes", "none yet", NOT_FOUND | {"anonymous": LOGIN}, cast_only=True),
    Case(
        "mfa_generate_recovery_codes",
        "asks for the password first",
        SIGNED_IN_REDIRECTED,
        cast_only=True,
    ),
    Case(
        "mfa_download_recovery_codes", "none yet", NOT_FOUND | {"anonymous": LOGIN}, cast_only=True
    ),
    Case("usersessions_list", "own sessions", LOGGED_IN, cast_only=True),
]

CASES = SITE + ALLAUTH

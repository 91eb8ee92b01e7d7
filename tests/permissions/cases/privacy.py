"""privacy: a person's data export and account deletion (their own only)."""

from ..matrix import (
    ALL_REDIRECTED,
    LOGGED_IN,
    LOGIN,
    X_ON_CONTRACT,
    Case,
    pk,
    roles,
)

CASES: list[Case] = [
    Case("privacy:data", "own data", LOGGED_IN),
    Case("privacy:export", "start", ALL_REDIRECTED, method="post"),
    Case(
        "privacy:export-download",
        "X's export",
        X_ON_CONTRACT | {"staff": 404},
        args=pk("export_job"),
    ),
    Case("privacy:delete", "own account", LOGGED_IN),
    Case(
        "privacy:delete",
        "a wrong password",
        roles(LOGIN, 400, 400, 400, 400, 400),
        method="post",
        data={"confirmation": "not the password"},
    ),
    Case("privacy:delete-cancel", "nothing to cancel", ALL_REDIRECTED, method="post"),
]

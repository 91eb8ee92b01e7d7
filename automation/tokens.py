"""Signed one-click unsubscribe links: they work without a login, for as long as the row exists.

A token names one saved search and is signed with the project's SECRET_KEY under its own salt,
so it cannot be forged or reused as any other kind of token. It does not expire: an old e-mail's
unsubscribe link must still work.
"""

from django.core import signing

SALT = "automation.saved-search-unsubscribe"


def saved_search_unsubscribe_token(*, search_id: int) -> str:
    return signing.dumps(search_id, salt=SALT)


def saved_search_id_from_token(*, token: str) -> int | None:
    """The saved search a token names; None when it was tampered with."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None

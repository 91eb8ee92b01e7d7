"""Template context for every page: the pending deletion, for a banner that offers to cancel."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import deletion_pending_for


def deletion_pending(request: HttpRequest) -> dict:
    """`privacy_deletion`: the signed-in person's pending deletion, or None (one query, lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that never render the banner never run the query.
    return {"privacy_deletion": SimpleLazyObject(lambda: deletion_pending_for(user=user))}

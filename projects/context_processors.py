"""Template context for every page: the navbar's unread counts, computed only when shown."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from projects.selectors.messaging import unread_thread_count
from projects.selectors.notifications import notification_unread_count


def navbar_counts(request: HttpRequest) -> dict:
    """Unread threads and notifications: one query each, once per request, only if rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counts = getattr(request, "_gigwise_navbar_counts", None)
    if counts is None:
        # Lazy: partial (htmx) responses that never render the navbar never run the queries;
        # kept on the request so a second render in the same request does not repeat them.
        counts = {
            "nav_unread_threads": SimpleLazyObject(lambda: unread_thread_count(user=user)),
            "nav_unread_notifications": SimpleLazyObject(
                lambda: notification_unread_count(user=user)
            ),
        }
        request._gigwise_navbar_counts = counts
    return counts

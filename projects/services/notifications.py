"""Notifications: the in-app record of what happened, and the e-mail that may follow."""

from django.db import IntegrityError, transaction

from accounts.models import User
from projects.models import Notification, NotificationKind


def notify(
    *,
    user: User,
    kind: NotificationKind | str,
    title: str,
    event_key: str,
    body: str = "",
    url: str = "",
) -> Notification | None:
    """Record a notification once per (user, event); later calls for the same event do nothing.

    Call it inside the service's transaction: the notification exists only if the change does.
    The e-mail, when the user wants one, is sent by a Celery task after commit.
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user, kind=kind, title=title[:200], body=body, url=url, event_key=event_key
            )
    except IntegrityError:
        return None
    from projects.tasks import notification_email_send

    notification_email_send.delay_on_commit(notification.pk)
    return notification

"""Notifications: the in-app record of what happened, and the e-mail that may follow."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from ops.services.outbox import enqueue
from projects.models import Notification, NotificationKind, NotificationPreference


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

    enqueue(notification_email_send, notification.pk)
    return notification


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (reading it again changes nothing)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, user: User) -> int:
    """Mark all the user's unread notifications read; returns how many there were."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preferences_update(*, user: User, emailed_kinds: Iterable[str]) -> None:
    """Save which kinds of notification the user wants by e-mail (one row per kind)."""
    emailed = set(emailed_kinds)
    unknown = emailed - set(NotificationKind.values)
    if unknown:
        raise ValidationError({"emailed_kinds": f"Unknown notification kinds: {sorted(unknown)}"})
    with transaction.atomic():
        for kind in NotificationKind.values:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"email": kind in emailed}
            )

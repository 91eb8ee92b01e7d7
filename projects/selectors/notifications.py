"""Reads about a user's notifications and their e-mail preferences."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from projects.models import Notification, NotificationKind, NotificationPreference
from projects.services.notification_email import EMAILED_BY_DEFAULT


def notifications_for_user(*, user: User, unread: bool | None = None) -> QuerySet[Notification]:
    """The user's notifications, newest first; only the unread (or read) ones when asked."""
    notifications = Notification.objects.filter(user=user)
    if unread is not None:
        notifications = notifications.filter(read_at__isnull=unread)
    return notifications.order_by("-created_at", "-id")


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    """One of the user's notifications; 404 for anyone else's."""
    return get_object_or_404(Notification, user=user, pk=pk)


@dataclass(frozen=True)
class KindPreference:
    kind: str
    label: str
    email: bool
    default: bool


def notification_preferences_for_user(*, user: User) -> list[KindPreference]:
    """Every kind of notification with whether the user gets it by e-mail (saved or default)."""
    saved = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return [
        KindPreference(
            kind=kind,
            label=str(label),
            email=saved.get(kind, kind in EMAILED_BY_DEFAULT),
            default=kind in EMAILED_BY_DEFAULT,
        )
        for kind, label in NotificationKind.choices
    ]

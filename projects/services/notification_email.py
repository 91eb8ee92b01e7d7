"""Sending a notification by e-mail, at most once."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from projects.models import Notification, NotificationPreference

# Kinds important enough to e-mail by default (the list); others stay in-app only.
EMAILED_BY_DEFAULT = {
    "proposal_received",
    "hired",
    "milestone_submitted",
    "milestone_released",
    "message_received",
}


def notification_wants_email(*, user_id: int, kind: str) -> bool:
    """Whether the user gets this kind by e-mail: their preference, else the default."""
    preference = (
        NotificationPreference.objects.filter(user_id=user_id, kind=kind)
        .values_list("email", flat=True)
        .first()
    )
    return kind in EMAILED_BY_DEFAULT if preference is None else preference


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send the e-mail for one notification; True if sent now, False if not needed or done."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.user.is_active:
            return False
        if not notification_wants_email(user_id=notification.user_id, kind=notification.kind):
            return False
        link = f"{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
        body = "\n\n".join(
            part
            for part in (
                notification.body,
                link and f"Open it on Gigwise: {link}",
                "You can choose which notifications are e-mailed to you in your "
                "notification settings.",
            )
            if part
        )
        # The mark and the send share one transaction under a row lock: two workers never
        # both send, and a failed send rolls the mark back so the retry sends it.
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        send_mail(
            subject=f"Gigwise: {notification.title}",
            message=body,
            from_email=None,
            recipient_list=[notification.user.email],
        )
    return True

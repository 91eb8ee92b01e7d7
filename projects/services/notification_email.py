"""Sending a notification by e-mail, at most once."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from projects.models import Notification, NotificationPreference

# Kinds important enough to e-mail by default (the list); others stay in-app only.
EMAILED_BY_DEFAULT = {
    "proposal_received",
    "hired",
    "milestone_submitted",
    "milestone_released",
    "message_received",
    # The person chose the alert's frequency themselves: an alert nobody reads is no alert.
    "search_alert",
    # Few (once per event, in daytime) and about things with a deadline.
    "reminder",
}
UNSUBSCRIBE_SALT = "projects.notification-unsubscribe"


def notification_unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A signed token for the one-click link that stops e-mails of one kind (no login)."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT)


def notification_unsubscribe_read(*, token: str) -> tuple[int, str] | None:
    """(user id, kind) a token names; None when it was tampered with. It never expires."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(value["u"]), str(value["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def notification_email_stop(*, user_id: int, kind: str) -> None:
    """Turn off e-mails of one kind for a person (the unsubscribe link); in-app stays."""
    NotificationPreference.objects.update_or_create(
        user_id=user_id, kind=kind, defaults={"email": False}
    )


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
        site = settings.SITE_URL.rstrip("/")
        link = f"{site}{notification.url}" if notification.url else ""
        token = notification_unsubscribe_token(user_id=notification.user_id, kind=notification.kind)
        unsubscribe = f"{site}{reverse('projects:notification-unsubscribe', args=[token])}"
        body = "\n\n".join(
            part
            for part in (
                notification.body,
                link and f"Open it on Gigwise: {link}",
                "You can choose which notifications are e-mailed to you in your "
                "notification settings.",
                f"Stop e-mails like this one (one click, no sign-in needed): {unsubscribe}",
            )
            if part
        )
        # The mark and the send share one transaction under a row lock: two workers never
        # both send, and a failed send rolls the mark back so the retry sends it.
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        EmailMessage(
            subject=f"Gigwise: {notification.title}",
            body=body,
            to=[notification.user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        ).send()
    return True

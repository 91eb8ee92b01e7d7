"""Deleting an account: the request (confirmed), the grace period, the cancel, then the purge.

During the grace period the account works as before and the person can cancel; after it the
hourly beat task purges it. A purge waits (and says why on the person's page) while an active
contract or escrow money involves somebody else.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format_as

from accounts.models import User

from ..models import AccountDeletion
from ..selectors import deletion_blockers
from .purge import person_purge

logger = logging.getLogger(__name__)

# Days between the request and the purge, during which the person can cancel.
DELETION_GRACE_DAYS = 14
WRONG_PASSWORD = "That is not your password. Type the password you sign in with."
WRONG_EMAIL = "Type the e-mail address of this account exactly, to confirm."
ALREADY_DELETED = "This account is already deleted."
NOTHING_PENDING = "Your account is not scheduled for deletion."


def deletion_grace() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "PRIVACY_DELETION_GRACE_DAYS", DELETION_GRACE_DAYS))


def date_format(moment: dt.datetime) -> str:
    return date_format_as(timezone.localtime(moment), "j F Y")


def deletion_confirmation_kind(*, user: User) -> str:
    """What the person types to confirm: their password, or their address if they have none."""
    return "password" if user.has_usable_password() else "email"


def _confirm(user: User, confirmation: str) -> None:
    if deletion_confirmation_kind(user=user) == "password":
        if not user.check_password(confirmation):
            raise ValidationError({"confirmation": WRONG_PASSWORD})
    elif confirmation.strip().lower() != user.email.lower():
        raise ValidationError({"confirmation": WRONG_EMAIL})


def _email(*, to: str, subject: str, template: str, context: dict) -> None:
    site = settings.SITE_URL.rstrip("/")
    context = {"site": site, "data_url": f"{site}{reverse('privacy:data')}", **context}
    body = render_to_string(f"privacy/email/{template}.txt", context)
    EmailMessage(subject=f"Gigwise: {subject}", body=body, to=[to]).send()


@transaction.atomic
def account_deletion_request(*, user: User, confirmation: str) -> AccountDeletion:
    """Schedule the account's deletion after the grace period; asking twice changes nothing."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.deleted_at is not None:
        raise ValidationError(ALREADY_DELETED)
    _confirm(locked, confirmation)
    pending = AccountDeletion.objects.pending().filter(user=locked).first()
    if pending is not None:
        return pending
    blockers = deletion_blockers(user=locked)
    if blockers:
        raise ValidationError(blockers)
    now = timezone.now()
    deletion = AccountDeletion.objects.create(
        user=locked, requested_at=now, purge_after=now + deletion_grace()
    )
    context = {"deletion": deletion, "grace_days": deletion_grace().days}
    transaction.on_commit(
        lambda: _email(
            to=locked.email,
            subject=f"your account will be deleted on {date_format(deletion.purge_after)}",
            template="deletion_requested",
            context=context,
        )
    )
    return deletion


@transaction.atomic
def account_deletion_cancel(*, user: User) -> AccountDeletion:
    """Keep the account: the pending request is cancelled, nothing was deleted."""
    deletion = AccountDeletion.objects.select_for_update().pending().filter(user=user).first()
    if deletion is None:
        raise ValidationError(NOTHING_PENDING)
    deletion.cancelled_at = timezone.now()
    deletion.save(update_fields=["cancelled_at"])
    transaction.on_commit(
        lambda: _email(
            to=user.email,
            subject="your account will not be deleted",
            template="deletion_cancelled",
            context={"deletion": deletion},
        )
    )
    return deletion


@dataclass
class PurgeOutcome:
    purged: int = 0
    waiting: int = 0  # blocked by a contract or escrow money; tried again next run
    failed: int = 0


def account_deletion_purge(*, deletion_id: int, now: dt.datetime | None = None) -> str:
    """Purge one due request in its own transaction: "purged", "waiting" or "skipped".

    Skipped when it is not due, cancelled or already purged, so a second run changes nothing;
    a crash rolls the whole person back, and the next run purges them from the start.
    """
    now = now or timezone.now()
    with transaction.atomic():
        deletion = (
            AccountDeletion.objects.select_for_update()
            .select_related("user")
            .filter(pk=deletion_id)
            .first()
        )
        if deletion is None or not deletion.is_pending or deletion.purge_after > now:
            return "skipped"
        user = deletion.user
        blockers = deletion_blockers(user=user)
        if blockers:
            reason = " ".join(blockers)[:500]
            if reason != deletion.blocked_reason:
                # Said once per new reason, not every hour.
                transaction.on_commit(
                    lambda: _email(
                        to=user.email,
                        subject="your account could not be deleted yet",
                        template="deletion_waiting",
                        context={"deletion": deletion, "blockers": blockers},
                    )
                )
            deletion.blocked_reason = reason
            deletion.blocked_at = now
            deletion.save(update_fields=["blocked_reason", "blocked_at"])
            return "waiting"
        address = user.email
        person_purge(user=user)
        deletion.purged_at = now
        deletion.blocked_reason = ""
        deletion.save(update_fields=["purged_at", "blocked_reason"])
        # The address is gone from the database; this e-mail is the last use of it.
        transaction.on_commit(
            lambda: _email(
                to=address,
                subject="your account has been deleted",
                template="deletion_done",
                context={"deletion": deletion},
            )
        )
    return "purged"


def account_deletions_purge_due(*, now: dt.datetime | None = None) -> PurgeOutcome:
    """Purge every request whose grace period is over, each on its own (beat, hourly)."""
    now = now or timezone.now()
    outcome = PurgeOutcome()
    due = list(
        AccountDeletion.objects.due(now).order_by("purge_after").values_list("pk", flat=True)
    )
    for deletion_id in due:
        try:
            result = account_deletion_purge(deletion_id=deletion_id, now=now)
        except Exception:
            # One person's failure must not keep the others' data: log, go on, retry next hour.
            logger.exception("Purge of account deletion %s failed; retried next run", deletion_id)
            outcome.failed += 1
            continue
        outcome.purged += result == "purged"
        outcome.waiting += result == "waiting"
    return outcome

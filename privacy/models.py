"""A person's request to delete their account, kept after the purge as the record that it ran.

The row carries no personal data of its own: the user it points at is anonymised by the purge
and stays (contracts, messages and the ledger point at it), so this row stays with it.
"""

from django.conf import settings
from django.db import models


class AccountDeletionQuerySet(models.QuerySet):
    def pending(self) -> "AccountDeletionQuerySet":
        """Requested, not cancelled, not yet purged: the person can still cancel."""
        return self.filter(cancelled_at__isnull=True, purged_at__isnull=True)

    def due(self, now) -> "AccountDeletionQuerySet":
        return self.pending().filter(purge_after__lte=now)


class AccountDeletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deletion_requests"
    )
    requested_at = models.DateTimeField()
    # The end of the grace period: the hourly purge deletes the account after this moment.
    purge_after = models.DateTimeField(db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    # Why the last purge attempt waited (an active contract, escrow money): shown to the
    # person, who can finish it or cancel; the next hourly run tries again.
    blocked_reason = models.CharField(max_length=500, blank=True)
    blocked_at = models.DateTimeField(null=True, blank=True)

    objects = AccountDeletionQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(cancelled_at__isnull=True, purged_at__isnull=True),
                name="one_pending_deletion_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(purge_after__gte=models.F("requested_at")),
                name="deletion_purge_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"Deletion of user {self.user_id} ({self.state})"

    @property
    def state(self) -> str:
        if self.purged_at is not None:
            return "purged"
        if self.cancelled_at is not None:
            return "cancelled"
        return "pending"

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"

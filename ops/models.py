"""The task outbox and the dead letters: rows that make background work survive faults."""

import uuid

from django.db import models
from django.utils import timezone


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self) -> "OutboxMessageQuerySet":
        return self.filter(sent_at__isnull=True)


class OutboxMessage(models.Model):
    """A task to send to the broker, written in the transaction of the change that wants it.

    It is published once that transaction commits; if the broker cannot be reached the row stays
    pending and the relay (`ops.outbox_relay`, every minute) publishes it later.
    """

    task_name = models.CharField(max_length=200, db_index=True)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    # Celery's id for the message: the same one on every publication of this row.
    task_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(sent_at__isnull=True),
                name="ops_outbox_pending",
            )
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "pending"
        return f"{self.task_name} ({state})"


class DeadLetterQuerySet(models.QuerySet):
    def unresolved(self) -> "DeadLetterQuerySet":
        return self.filter(resolved_at__isnull=True)


class DeadLetter(models.Model):
    """A task that gave up: its retries ran out, or it raised an error retrying cannot fix.

    Repeated failures of the same task with the same arguments update one unresolved row
    (`failures`, `first_failed_at`, `last_failed_at`), so an hourly job failing all night is one
    entry, not twelve.
    """

    task_name = models.CharField(max_length=200, db_index=True)
    task_id = models.CharField(max_length=255, blank=True)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    exception_class = models.CharField(max_length=255)
    exception_message = models.TextField(blank=True)
    traceback = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=1, help_text="Runs of the last failed task.")
    failures = models.PositiveIntegerField(default=1, help_text="Times this task gave up.")
    first_failed_at = models.DateTimeField(default=timezone.now)
    last_failed_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=200, blank=True)

    objects = DeadLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-last_failed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task_name}: {self.exception_class}"

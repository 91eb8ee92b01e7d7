"""Reports from users, and the audit log of what staff did and read.

The audit log is append-only three times over: `save()` and `delete()` refuse here, the admin
grants no add, change or delete permission, and database triggers (migration
0009_audit_log_append_only) refuse any UPDATE or DELETE of its rows, from the ORM or raw SQL.
No row carries personal data in its text, because a purged account cannot reach it: the target is
named by type and id ("User #12"), changed fields by name, never by value.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

APPEND_ONLY = "The audit log is append-only: its entries cannot be changed or deleted."


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        SCAM = "scam", _("Scam, fraud or payment outside Gigwise")
        ABUSE = "abuse", _("Harassment or abusive language")
        INAPPROPRIATE = "inappropriate", _("Inappropriate or illegal content")
        FAKE = "fake", _("Fake profile or misleading information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved: action taken")
        DISMISSED = "dismissed", _("Dismissed: no action needed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    # A project, a freelancer or employer profile (the User), or a message.
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    details = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_resolved",
    )
    resolution_note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            # One open report per person and target: reporting twice changes nothing.
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter_and_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report by {self.reporter}"


class AuditAction(models.TextChoices):
    PROJECT_HIDE = "project_hide", "Hid a project"
    PROJECT_RESTORE = "project_restore", "Restored a project"
    USER_SUSPEND = "user_suspend", "Suspended a user"
    USER_RESTORE = "user_restore", "Restored a user"
    MESSAGE_HIDE = "message_hide", "Hid a message"
    MESSAGE_RESTORE = "message_restore", "Restored a message"
    REPORT_RESOLVE = "report_resolve", "Resolved a report"
    REPORT_DISMISS = "report_dismiss", "Dismissed a report"
    # Data changes made in the Django admin (from its own LogEntry, names of fields only).
    ADMIN_ADD = "admin_add", "Added in the admin"
    ADMIN_CHANGE = "admin_change", "Changed in the admin"
    ADMIN_DELETE = "admin_delete", "Deleted in the admin"
    # Sensitive reads: staff opened someone's private data, and said why first.
    MESSAGES_READ = "messages_read", "Opened someone's messages"
    EXPORT_READ = "export_read", "Opened someone's data export"


def audit_target_label(target: models.Model) -> str:
    """What the audit log calls a target: its type and id, never its text ("User #12")."""
    label = f"{capfirst(target._meta.verbose_name)} #{target.pk}"
    # A message alone says little; its conversation is the useful context.
    if thread_id := getattr(target, "thread_id", None):
        label += f" in thread #{thread_id}"
    if isinstance(target, Report):
        label += f" about {capfirst(target.target_type.name)} #{target.target_id}"
    return label


class AuditLogEntry(models.Model):
    """What a staff member did or read, to what, when and why. Append-only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_entries"
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Never personal: the target's type and id (see audit_target_label).
    target_repr = models.CharField("target", max_length=200)
    # What changed, by field name only (admin changes); never a value.
    changed_fields = models.JSONField(default=list, blank=True)
    # The staff member's own words.
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit log entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target_repr or 'no target'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(APPEND_ONLY)

"""Message threads between the two sides, and notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contract import Contract
from .project import Project
from .proposal import Proposal


class Thread(models.Model):
    """The conversation between an employer and a freelancer about one project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="threads")
    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="threads_as_employer"
    )
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="threads_as_freelancer"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, related_name="threads", null=True, blank=True
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, related_name="threads", null=True, blank=True
    )
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "freelancer"], name="one_thread_per_project_and_freelancer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.employer} ↔ {self.freelancer}"

    def has_participant(self, user) -> bool:
        return user.pk in (self.employer_id, self.freelancer_id)


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    # Plain text, stored as typed and escaped when shown: no HTML from users is ever rendered.
    body = models.TextField()
    is_hidden = models.BooleanField(default=False, help_text="Hidden by staff after a report")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        # Never the body: the admin shows this name in lists, breadcrumbs, action pages and
        # its history, and staff read a body only after saying why (projects/admin/audit_log.py).
        return f"Message #{self.pk} in thread #{self.thread_id}"


class ThreadReadState(models.Model):
    """How far each participant has read, so unread counts are one query."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_read_states"
    )
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_read_state_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread} up to {self.last_read_at:%Y-%m-%d %H:%M}"


class NotificationKind(models.TextChoices):
    PROPOSAL_RECEIVED = "proposal_received", _("A proposal arrives on my project")
    PROPOSAL_DECLINED = "proposal_declined", _("My proposal is declined")
    PROPOSAL_SHORTLISTED = "proposal_shortlisted", _("I am shortlisted")
    INVITE_RECEIVED = "invite_received", _("I am invited to a project")
    PROJECT_CLOSED = "project_closed", _("A project I proposed to closes")
    HIRED = "hired", _("I am hired")
    MILESTONE_FUNDED = "milestone_funded", _("A milestone is funded")
    MILESTONE_SUBMITTED = "milestone_submitted", _("Work is submitted on a milestone")
    MILESTONE_RELEASED = "milestone_released", _("A milestone payment is released")
    CHANGES_REQUESTED = "changes_requested", _("Changes are requested on my work")
    CONTRACT_ENDED = "contract_ended", _("A contract ends")
    REVIEW_RECEIVED = "review_received", _("A review about me is published")
    MESSAGE_RECEIVED = "message_received", _("A new message")
    REPORT_RESOLVED = "report_resolved", _("A report I made is resolved")
    PROJECT_MATCHED = "project_matched", _("A new project matches my profile")
    SEARCH_ALERT = "search_alert", _("New projects match a search I saved")
    REMINDER = "reminder", _("Reminders: due milestones, waiting proposals, reviews, replies")
    TIMESHEET_SUBMITTED = "timesheet_submitted", _("A weekly timesheet is submitted to me")
    TIMESHEET_REVIEWED = "timesheet_reviewed", _("My weekly timesheet is approved or disputed")
    INVOICE_ISSUED = "invoice_issued", _("An invoice is issued to me")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    # What the notification is about, so the same event never notifies twice.
    event_key = models.CharField(max_length=120)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event_key"], name="one_notification_per_event")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """Whether a kind of notification is also e-mailed; no row means the default (yes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} e-mail {'on' if self.email else 'off'}"

"""Proposals from freelancers, invitations and shortlists from employers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import CURRENCIES

from .project import Project


class ProposalQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Proposal.ACTIVE_STATUSES)


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ARCHIVED = "archived", _("Archived by the employer")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HIRED = "hired", _("Hired")

    # A freelancer has at most one of these per project (a database constraint below).
    ACTIVE_STATUSES = (Status.SUBMITTED, Status.ARCHIVED, Status.HIRED)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposals")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposals"
    )
    cover_letter = models.TextField()
    # The hourly rate bid, or the fixed amount, depending on the project's budget type.
    bid_amount = models.DecimalField(
        max_digits=11, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    estimated_duration_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(104)]
    )
    answers = models.JSONField(default=list, blank=True, help_text="Answers to screening questions")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    decline_reason = models.CharField(max_length=500, blank=True)
    viewed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "freelancer"],
                condition=models.Q(status__in=["submitted", "archived", "hired"]),
                name="one_active_proposal_per_freelancer_and_project",
            ),
            models.CheckConstraint(
                condition=models.Q(bid_amount__gt=0), name="proposal_bid_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} → {self.project}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def is_editable(self) -> bool:
        """Freelancers may edit until the employer has opened the proposal."""
        return self.status == self.Status.SUBMITTED and self.viewed_at is None


class Invite(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invites")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invites"
    )
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "freelancer"], name="one_invite_per_freelancer_and_project"
            )
        ]

    def __str__(self) -> str:
        return f"Invite: {self.freelancer} to {self.project}"


class ShortlistEntry(models.Model):
    """A freelancer the employer set aside for a project, with or without a proposal."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="shortlist")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlisted_for"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "shortlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "freelancer"], name="one_shortlist_entry_per_freelancer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.freelancer} shortlisted for {self.project}"

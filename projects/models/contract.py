"""Contracts, their milestones, the escrow ledger, and the reviews both sides write."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import CURRENCIES

from .project import BudgetType, Project
from .proposal import Proposal


class Contract(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="contracts")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, related_name="contract", null=True, blank=True
    )
    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_employer"
    )
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_freelancer"
    )
    title = models.CharField(max_length=140)
    terms = models.TextField(blank=True)
    budget_type = models.CharField(max_length=8, choices=BudgetType.choices)
    # The hourly rate, or the total fixed price.
    amount = models.DecimalField(
        max_digits=11, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    start_date = models.DateField()
    # Hourly contracts: the most hours a week the employer pays for (the time log enforces it).
    weekly_hour_limit = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(80)],
        help_text="Hourly contracts only: the most hours a week that can be logged and billed",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    end_reason = models.CharField(max_length=500, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One hire per project: a second concurrent hire fails here even if a check raced.
            models.UniqueConstraint(
                fields=["project"],
                condition=~models.Q(status="cancelled"),
                name="one_live_contract_per_project",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="contract_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.freelancer} for {self.employer})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def party_role(self, user) -> str | None:
        if user.pk == self.employer_id:
            return "employer"
        if user.pk == self.freelancer_id:
            return "freelancer"
        return None


class Milestone(models.Model):
    class Status(models.TextChoices):
        UNFUNDED = "unfunded", _("Awaiting funding")
        FUNDED = "funded", _("Funded")
        SUBMITTED = "submitted", _("Work submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        RELEASED = "released", _("Approved and released")
        REFUNDED = "refunded", _("Refunded")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=140)
    amount = models.DecimalField(
        max_digits=11, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    due_date = models.DateField()
    status = models.CharField(max_length=18, choices=Status.choices, default=Status.UNFUNDED)
    submission_note = models.TextField(blank=True)
    feedback = models.TextField(blank=True, help_text="The employer's request for changes")
    position = models.PositiveSmallIntegerField(default=0)
    funded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="milestone_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title


class LedgerEntry(models.Model):
    """One movement of test-mode escrow money. Append-only: balances are sums, never edited."""

    class Kind(models.TextChoices):
        FUND = "fund", _("Funded into escrow")
        RELEASE = "release", _("Released to the freelancer")
        REFUND = "refund", _("Refunded to the employer")
        FEE = "fee", _("Platform fee")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="ledger")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="ledger", null=True, blank=True
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    amount = models.DecimalField(max_digits=11, decimal_places=2)
    currency = models.CharField(max_length=3, choices=CURRENCIES)
    provider = models.CharField(max_length=30, default="test")
    provider_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "ledger entries"
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount} {self.currency}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Ledger entries are append-only; record a new entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Ledger entries are append-only and cannot be deleted.")


class Review(models.Model):
    """A 1 to 5 star review one party of an ended contract writes about the other."""

    class Direction(models.TextChoices):
        OF_FREELANCER = "of_freelancer", _("Employer reviews freelancer")
        OF_EMPLOYER = "of_employer", _("Freelancer reviews employer")

    # Double-blind: a review shows once both sides wrote one, or this long after the end.
    BLIND_DAYS = 14

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_written"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews_received"
    )
    direction = models.CharField(max_length=16, choices=Direction.choices)
    rating_quality = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Quality of work (freelancer) or clarity of requirements (employer)",
    )
    rating_communication = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_timeliness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Deadlines met (freelancer) or prompt payment and answers (employer)",
    )
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "author"], name="one_review_per_author"),
            models.CheckConstraint(
                condition=models.Q(rating_quality__gte=1, rating_quality__lte=5)
                & models.Q(rating_communication__gte=1, rating_communication__lte=5)
                & models.Q(rating_timeliness__gte=1, rating_timeliness__lte=5),
                name="review_ratings_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.subject} ({self.rating:.1f})"

    @property
    def rating(self) -> float:
        return (self.rating_quality + self.rating_communication + self.rating_timeliness) / 3

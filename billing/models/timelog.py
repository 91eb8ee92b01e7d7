"""The time log of hourly contracts: entries (timer or manual) and one timesheet per week."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import CURRENCIES
from projects.models import Contract


class Timesheet(models.Model):
    """One contract's week (Monday to Sunday in the freelancer's timezone) and its review."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved and paid")
        DISPUTED = "disputed", _("Disputed")

    # Entries can be added, changed or removed only in these states.
    EDITABLE = (State.OPEN, State.DISPUTED)

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="timesheets")
    week_start = models.DateField(help_text="The Monday the week starts on")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    # Frozen at submission, so what the employer approves is what gets paid.
    minutes = models.PositiveIntegerField(default=0)
    hourly_rate = models.DecimalField(max_digits=11, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCIES, blank=True)
    amount = models.DecimalField(max_digits=11, decimal_places=2, null=True, blank=True)
    fee = models.DecimalField(max_digits=11, decimal_places=2, null=True, blank=True)
    dispute_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "week_start"], name="one_timesheet_per_contract_week"
            ),
            # Paid weeks carry what was paid; the ledger entries are written from these.
            models.CheckConstraint(
                condition=~models.Q(state="approved")
                | models.Q(amount__gt=0, fee__gte=0, minutes__gt=0),
                name="approved_timesheet_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.title}: week of {self.week_start:%d %b %Y}"

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE

    @property
    def invoice_reference(self) -> str:
        """How the ledger names this week (LedgerEntry.provider_reference)."""
        return f"timesheet:{self.pk}"


class TimeEntry(models.Model):
    """A stretch of work on an hourly contract; a running timer has no end yet."""

    timesheet = models.ForeignKey(Timesheet, on_delete=models.CASCADE, related_name="entries")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="time_entries")
    # Denormalised from the contract so the database can allow one running timer per person.
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="time_entries"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name_plural = "time entries"
        indexes = [models.Index(fields=["freelancer", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gt=models.F("started_at")),
                name="time_entry_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["freelancer"],
                condition=models.Q(ended_at__isnull=True),
                name="one_running_timer_per_freelancer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} on {self.contract.title}"

    @property
    def is_running(self) -> bool:
        return self.ended_at is None

    @property
    def minutes(self) -> int:
        if self.ended_at is None:
            return 0
        return int((self.ended_at - self.started_at).total_seconds() // 60)

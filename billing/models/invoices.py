"""Invoices and credit notes, their lines, and each freelancer's gapless number sequence.

An issued invoice is a snapshot: the parties' details, rates and totals are copied onto it, so a
later profile change never alters it. Corrections are credit notes (kind=credit_note, `credits`
the invoice they correct), never edits.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import CURRENCIES
from projects.models import Contract, Milestone

from .timelog import Timesheet


class InvoiceSequence(models.Model):
    """The last number a freelancer issued; locked (select_for_update) to take the next one."""

    freelancer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoice_sequence"
    )
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.freelancer}: {self.last_number}"


class InvoiceQuerySet(models.QuerySet):
    def invoices(self) -> "InvoiceQuerySet":
        return self.filter(kind=Invoice.Kind.INVOICE)

    def for_year(self, year: int) -> "InvoiceQuerySet":
        return self.filter(issued_at__year=year)


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    kind = models.CharField(max_length=11, choices=Kind.choices, default=Kind.INVOICE)
    credits = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="credit_notes",
        null=True,
        blank=True,
        help_text="Credit notes: the invoice this one corrects",
    )
    # One sequence per freelancer, shared by invoices and credit notes: no number is skipped.
    number = models.PositiveIntegerField()
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoices_issued"
    )
    employer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoices_received"
    )
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoices")
    # The parties as they were at issue.
    seller_name = models.CharField(max_length=200)
    seller_email = models.EmailField()
    seller_country = models.CharField(max_length=100, blank=True)
    seller_tax_id = models.CharField(max_length=40, blank=True)
    buyer_name = models.CharField(max_length=200)
    buyer_company = models.CharField(max_length=120, blank=True)
    buyer_email = models.EmailField()
    buyer_country = models.CharField(max_length=100, blank=True)
    currency = models.CharField(max_length=3, choices=CURRENCIES)
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    tax_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("0.00"), help_text="Per cent"
    )
    tax_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    total = models.DecimalField(max_digits=12, decimal_places=2)
    # What the client already paid of this invoice through Gigwise escrow: its items are released
    # milestones and approved weeks, paid before the invoice existed. The rest (tax) is owed.
    escrow_paid = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    # What Gigwise kept of the billed amounts (withheld from the payout, not added to the total).
    platform_fee = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    issued_at = models.DateTimeField()
    due_date = models.DateField()
    notes = models.TextField(blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-number"]
        indexes = [models.Index(fields=["employer", "-issued_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["freelancer", "number"], name="invoice_number_unique_per_freelancer"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="invoice_number_gte_1"),
            models.CheckConstraint(
                condition=models.Q(kind="invoice", credits__isnull=True)
                | models.Q(kind="credit_note", credits__isnull=False),
                name="credit_note_credits_an_invoice",
            ),
            models.CheckConstraint(
                condition=models.Q(subtotal__gt=0, tax_amount__gte=0, platform_fee__gte=0),
                name="invoice_amounts_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(escrow_paid__gte=0, escrow_paid__lte=models.F("total")),
                name="invoice_escrow_paid_within_total",
            ),
            models.CheckConstraint(
                condition=models.Q(tax_rate__gte=0, tax_rate__lte=100),
                name="invoice_tax_rate_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(total=models.F("subtotal") + models.F("tax_amount")),
                name="invoice_total_is_subtotal_plus_tax",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.display_number} ({self.seller_name} to {self.buyer_company or self.buyer_name})"
        )

    @property
    def display_number(self) -> str:
        prefix = "CN" if self.kind == self.Kind.CREDIT_NOTE else "INV"
        return f"{prefix}-{self.freelancer_id}-{self.number:05d}"

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def amount_due(self) -> Decimal:
        """What the client still owes: nothing once paid, else what escrow did not cover."""
        if self.is_paid or self.is_credit_note:
            return Decimal("0.00")
        return self.total - self.escrow_paid

    @property
    def filename(self) -> str:
        return f"{self.display_number}.pdf"


class InvoiceLine(models.Model):
    """One billed item: a released milestone, an approved week, or (credit notes) a correction."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("1.00"))
    unit = models.CharField(max_length=10, default="item")
    unit_price = models.DecimalField(max_digits=11, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    platform_fee = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, related_name="invoice_lines", null=True, blank=True
    )
    timesheet = models.ForeignKey(
        Timesheet, on_delete=models.PROTECT, related_name="invoice_lines", null=True, blank=True
    )
    # True while the line bills its item; a credit note for the whole invoice sets it False so
    # the item can be invoiced again (corrected). Credit-note lines are never live.
    is_live = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone"],
                condition=models.Q(is_live=True, milestone__isnull=False),
                name="milestone_invoiced_once",
            ),
            models.UniqueConstraint(
                fields=["timesheet"],
                condition=models.Q(is_live=True, timesheet__isnull=False),
                name="timesheet_invoiced_once",
            ),
            models.CheckConstraint(
                condition=models.Q(milestone__isnull=True) | models.Q(timesheet__isnull=True),
                name="invoice_line_bills_one_item",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0, unit_price__gt=0, amount__gt=0),
                name="invoice_line_amounts_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.description

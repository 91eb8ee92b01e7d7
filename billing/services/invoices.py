"""Issuing invoices from released milestones and approved weeks, credit notes, paid state.

Numbers are gapless per freelancer: each issue locks the freelancer's InvoiceSequence row
(select_for_update) and takes the next number in the same transaction as the invoice, so two
invoices created at once wait for each other and a rolled-back one gives its number back.
The same lock serialises the check that an item is not on a live invoice yet; the partial unique
constraints on InvoiceLine are the database's last word on it.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import Contract, LedgerEntry, Milestone, NotificationKind
from projects.services.milestones import platform_fee
from projects.services.notifications import notify

from ..models import Invoice, InvoiceLine, InvoiceSequence, Timesheet
from ..selectors.invoices import invoiceable_milestones, invoiceable_timesheets

CENT = Decimal("0.01")
DEFAULT_TERMS_DAYS = 14
MAX_TERMS_DAYS = 365

SELLER_ONLY = "Only the freelancer on this contract can invoice it."
ISSUER_ONLY = "Only the freelancer who issued this invoice can do that."
NOTHING_TO_INVOICE = (
    "Nothing on this contract is ready to invoice: invoices bill released milestones and "
    "approved weeks that are not on an invoice yet."
)
NOTHING_CHOSEN = "Choose at least one released milestone or approved week to invoice."
ITEM_UNAVAILABLE = "{item} can't be invoiced: it is not released or approved, or already billed."
DUE_BEFORE_ISSUE = "The due date can't be before today, the invoice date."
DUE_TOO_FAR = "The due date can be at most a year from today."
TAX_RANGE = "The tax rate is a percentage from 0 to 100."
TAX_ID_TOO_LONG = "A tax id has at most 40 characters."
NOTES_TOO_LONG = "Keep the notes under 2000 characters."
CREDIT_AN_INVOICE = "Credit notes correct invoices; this is already a credit note."
REASON_REQUIRED = "Say what the credit note corrects; it is printed on it."
CREDIT_POSITIVE = "The amount to credit must be more than zero."
CREDIT_TOO_MUCH = "At most {left} {currency} of this invoice is left to credit."
FULLY_CREDITED = "This invoice is fully credited already."


@dataclass(frozen=True)
class _Item:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal
    fee: Decimal
    milestone: Milestone | None = None
    timesheet: Timesheet | None = None


def invoice_url(invoice: Invoice) -> str:
    return reverse("billing:invoice-detail", args=[invoice.pk])


def _next_number(freelancer: User) -> int:
    """Take the freelancer's next number; the sequence row stays locked until commit."""
    try:
        with transaction.atomic():
            InvoiceSequence.objects.get_or_create(freelancer=freelancer)
    except IntegrityError:
        pass  # a concurrent first invoice created the row; it exists now
    sequence = InvoiceSequence.objects.select_for_update().get(freelancer=freelancer)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def _milestone_fee(milestone: Milestone) -> Decimal:
    # The fee actually kept at release, from the ledger; the rate may have changed since.
    kept = LedgerEntry.objects.filter(milestone=milestone, kind=LedgerEntry.Kind.FEE).aggregate(
        total=Sum("amount")
    )["total"]
    return Decimal(kept).quantize(CENT) if kept is not None else platform_fee(milestone.amount)


def _milestone_text(milestone: Milestone) -> str:
    if milestone.released_at is None:
        return f"{milestone.title} (milestone)"
    return f"{milestone.title} (milestone released {milestone.released_at:%d %b %Y})"


def _items(contract: Contract, milestone_ids, timesheet_ids) -> list[_Item]:
    milestones = invoiceable_milestones(contract=contract)
    sheets = invoiceable_timesheets(contract=contract)
    everything = milestone_ids is None and timesheet_ids is None
    if not everything:
        milestones = milestones.filter(pk__in=milestone_ids or [])
        sheets = sheets.filter(pk__in=timesheet_ids or [])
    milestones, sheets = list(milestones), list(sheets)
    if not everything:
        missing = [
            f"Milestone #{pk}" for pk in set(milestone_ids or []) - {m.pk for m in milestones}
        ]
        missing += [f"Week #{pk}" for pk in set(timesheet_ids or []) - {s.pk for s in sheets}]
        if missing:
            raise ValidationError({"items": ITEM_UNAVAILABLE.format(item=", ".join(missing))})
    items = [
        _Item(
            description=_milestone_text(m),
            quantity=Decimal("1.00"),
            unit="item",
            unit_price=m.amount,
            amount=m.amount,
            fee=_milestone_fee(m),
            milestone=m,
        )
        for m in milestones
    ]
    items += [
        _Item(
            description=(
                f"Hours, week of {s.week_start:%d %b %Y} to {s.week_end:%d %b %Y} "
                f"({s.hours} h at {s.hourly_rate} {s.currency}/h)"
            ),
            quantity=s.hours,
            unit="h",
            unit_price=s.hourly_rate,
            amount=s.amount,
            fee=s.fee,
            timesheet=s,
        )
        for s in sheets
    ]
    if not items:
        raise ValidationError({"items": NOTHING_TO_INVOICE if everything else NOTHING_CHOSEN})
    return items


def _clean_terms(*, tax_rate, tax_id: str, due_date, notes: str, today: dt.date) -> dict:
    errors = {}
    tax_rate = Decimal("0.00") if tax_rate in (None, "") else Decimal(tax_rate)
    if not Decimal(0) <= tax_rate <= Decimal(100):
        errors["tax_rate"] = TAX_RANGE
    tax_id = (tax_id or "").strip()
    if len(tax_id) > 40:
        errors["tax_id"] = TAX_ID_TOO_LONG
    due_date = due_date or today + dt.timedelta(days=DEFAULT_TERMS_DAYS)
    if due_date < today:
        errors["due_date"] = DUE_BEFORE_ISSUE
    elif due_date > today + dt.timedelta(days=MAX_TERMS_DAYS):
        errors["due_date"] = DUE_TOO_FAR
    notes = (notes or "").strip()
    if len(notes) > 2000:
        errors["notes"] = NOTES_TOO_LONG
    if errors:
        raise ValidationError(errors)
    return {
        "tax_rate": tax_rate.quantize(CENT),
        "seller_tax_id": tax_id,
        "due_date": due_date,
        "notes": notes,
    }


def _parties(contract: Contract) -> dict:
    """The seller and buyer as their profiles say now, copied onto the invoice for good."""
    seller, buyer = contract.freelancer, contract.employer
    freelancer_profile = getattr(seller, "freelancer_profile", None)
    employer_profile = getattr(buyer, "employer_profile", None)
    return {
        "seller_name": seller.get_full_name() or seller.display_name,
        "seller_email": seller.email,
        "seller_country": freelancer_profile.country.name if freelancer_profile else "",
        "buyer_name": buyer.get_full_name() or buyer.display_name,
        "buyer_company": employer_profile.company_name if employer_profile else "",
        "buyer_email": buyer.email,
        "buyer_country": employer_profile.country.name if employer_profile else "",
    }


def _tax(subtotal: Decimal, rate: Decimal) -> Decimal:
    return (subtotal * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def _issue_notice(invoice: Invoice) -> None:
    kind = "Credit note" if invoice.is_credit_note else "Invoice"
    notify(
        user=invoice.employer,
        kind=NotificationKind.INVOICE_ISSUED,
        title=f"{kind} {invoice.display_number} from {invoice.seller_name}",
        body=f"{invoice.total} {invoice.currency} for “{invoice.contract.title}”.",
        event_key=f"invoice:{invoice.pk}:issued",
        url=invoice_url(invoice),
    )


@transaction.atomic
def invoice_create(
    *,
    contract: Contract,
    by: User,
    milestone_ids: list[int] | None = None,
    timesheet_ids: list[int] | None = None,
    tax_rate: Decimal | None = None,
    tax_id: str = "",
    due_date: dt.date | None = None,
    notes: str = "",
) -> Invoice:
    """The freelancer invoices a contract's released milestones and approved weeks.

    With no ids, everything not invoiced yet is billed.
    """
    if contract.freelancer_id != by.pk:
        raise ValidationError(SELLER_ONLY)
    now = timezone.now()
    terms = _clean_terms(
        tax_rate=tax_rate, tax_id=tax_id, due_date=due_date, notes=notes, today=now.date()
    )
    number = _next_number(by)  # also the lock under which items are checked
    items = _items(contract, milestone_ids, timesheet_ids)
    subtotal = sum((item.amount for item in items), start=Decimal("0.00"))
    tax_amount = _tax(subtotal, terms["tax_rate"])
    invoice = Invoice.objects.create(
        kind=Invoice.Kind.INVOICE,
        number=number,
        freelancer=by,
        employer=contract.employer,
        contract=contract,
        currency=contract.currency,
        subtotal=subtotal,
        tax_amount=tax_amount,
        total=subtotal + tax_amount,
        # Every item was paid through escrow when it was released or approved; only tax on top
        # is left to pay, so an invoice without tax is settled the moment it is issued.
        escrow_paid=subtotal,
        paid_at=now if not tax_amount else None,
        platform_fee=sum((item.fee for item in items), start=Decimal("0.00")),
        issued_at=now,
        **terms,
        **_parties(contract),
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=position,
            description=item.description[:300],
            quantity=item.quantity,
            unit=item.unit,
            unit_price=item.unit_price,
            amount=item.amount,
            platform_fee=item.fee,
            milestone=item.milestone,
            timesheet=item.timesheet,
        )
        for position, item in enumerate(items)
    )
    _issue_notice(invoice)
    return invoice


# What a credit note repeats of the invoice it corrects: the parties as they were then.
_COPIED = (
    "seller_name", "seller_email", "seller_country", "seller_tax_id", "buyer_name",
    "buyer_company", "buyer_email", "buyer_country", "currency", "tax_rate",
)  # fmt: skip


def credited_so_far(invoice: Invoice) -> Decimal:
    total = invoice.credit_notes.aggregate(total=Sum("subtotal"))["total"]
    return Decimal(total or 0).quantize(CENT)


@transaction.atomic
def credit_note_create(
    *, invoice: Invoice, by: User, reason: str, amount: Decimal | None = None
) -> Invoice:
    """The issuer corrects an invoice with a credit note, for all of it or part (before tax).

    Once an invoice is credited in full its items are free to be invoiced again, correctly.
    """
    if invoice.freelancer_id != by.pk:
        raise ValidationError(ISSUER_ONLY)
    if invoice.is_credit_note:
        raise ValidationError(CREDIT_AN_INVOICE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if len(reason) > 300:
        raise ValidationError({"reason": "Keep the reason under 300 characters."})
    number = _next_number(by)  # serialises credits of this freelancer's invoices too
    left = invoice.subtotal - credited_so_far(invoice)
    if left <= 0:
        raise ValidationError(FULLY_CREDITED)
    amount = left if amount is None else Decimal(amount).quantize(CENT)
    if amount <= 0:
        raise ValidationError({"amount": CREDIT_POSITIVE})
    if amount > left:
        raise ValidationError(
            {"amount": CREDIT_TOO_MUCH.format(left=left, currency=invoice.currency)}
        )
    now = timezone.now()
    tax_amount = _tax(amount, invoice.tax_rate)
    lines = list(invoice.lines.all())
    whole = amount == invoice.subtotal
    note = Invoice.objects.create(
        kind=Invoice.Kind.CREDIT_NOTE,
        credits=invoice,
        number=number,
        freelancer=invoice.freelancer,
        employer=invoice.employer,
        contract=invoice.contract,
        **{field: getattr(invoice, field) for field in _COPIED},
        subtotal=amount,
        tax_amount=tax_amount,
        total=amount + tax_amount,
        platform_fee=Decimal("0.00"),
        issued_at=now,
        due_date=now.date(),
        notes=reason,
    )
    if whole:
        copies = [
            InvoiceLine(
                invoice=note,
                position=line.position,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                amount=line.amount,
                milestone=line.milestone,
                timesheet=line.timesheet,
                is_live=False,
            )
            for line in lines
        ]
    else:
        copies = [
            InvoiceLine(
                invoice=note,
                description=f"Credit on {invoice.display_number}: {reason}"[:300],
                unit_price=amount,
                amount=amount,
                is_live=False,
            )
        ]
    InvoiceLine.objects.bulk_create(copies)
    if amount == left:
        # Fully credited: what it billed can be invoiced again on a corrected invoice.
        invoice.lines.update(is_live=False)
    _issue_notice(note)
    return note


@transaction.atomic
def invoice_mark_paid(*, invoice: Invoice, by: User) -> Invoice:
    """The issuer records the invoice (or credit note) as settled; repeating changes nothing."""
    if invoice.freelancer_id != by.pk:
        raise ValidationError(ISSUER_ONLY)
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if locked.paid_at is None:
        locked.paid_at = timezone.now()
        locked.save(update_fields=["paid_at"])
    return locked

"""Invoices: what they bill, their snapshot, gapless numbers (also racing), credit notes, PDF."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from billing.models import Invoice, InvoiceLine
from billing.pdf import invoice_pdf
from billing.services.invoices import credit_note_create, invoice_create, invoice_mark_paid
from projects.models import Notification, NotificationKind
from tests.billing.conftest import approved_week, last_monday, released_milestone
from tests.factories import ContractFactory, FreelancerFactory
from tests.races import race, run_together

pytestmark = pytest.mark.django_db


def issue(contract, **terms) -> Invoice:
    return invoice_create(contract=contract, by=contract.freelancer, **terms)


def test_an_invoice_bills_released_milestones_and_approved_weeks_with_tax(hourly):
    week = approved_week(hourly, hours=5)
    milestone = released_milestone(hourly, "500.00", "Design")
    invoice = issue(hourly, tax_rate=Decimal("20"), tax_id="PT123456789")
    assert invoice.number == 1
    assert invoice.display_number == f"INV-{hourly.freelancer_id}-00001"
    lines = list(invoice.lines.all())
    assert [(line.milestone, line.timesheet) for line in lines] == [
        (milestone, None),
        (None, week),
    ]
    assert [line.amount for line in lines] == [Decimal("500.00"), Decimal("250.00")]
    assert (invoice.subtotal, invoice.tax_amount, invoice.total) == (
        Decimal("750.00"),
        Decimal("150.00"),
        Decimal("900.00"),
    )
    assert invoice.platform_fee == Decimal("75.00")
    assert invoice.currency == hourly.currency
    assert invoice.seller_tax_id == "PT123456789"
    assert invoice.due_date == invoice.issued_at.date() + dt.timedelta(days=14)
    assert Notification.objects.filter(
        user=hourly.employer, kind=NotificationKind.INVOICE_ISSUED
    ).exists()


def test_nothing_is_invoiced_twice(hourly):
    released_milestone(hourly)
    issue(hourly)
    with pytest.raises(ValidationError, match="Nothing on this contract is ready"):
        issue(hourly)


def test_an_unreleased_milestone_or_someone_elses_item_cannot_be_invoiced(hourly):
    released_milestone(hourly)
    foreign = released_milestone(ContractFactory())
    with pytest.raises(ValidationError, match=f"Milestone #{foreign.pk} can't be invoiced"):
        issue(hourly, milestone_ids=[foreign.pk])
    assert not Invoice.objects.exists()


def test_only_the_contracts_freelancer_invoices_it(hourly):
    released_milestone(hourly)
    for someone in (hourly.employer, FreelancerFactory()):
        with pytest.raises(ValidationError, match="Only the freelancer"):
            invoice_create(contract=hourly, by=someone)


def test_terms_are_checked_and_nothing_is_numbered_on_refusal(hourly):
    released_milestone(hourly)
    with pytest.raises(ValidationError) as caught:
        issue(hourly, tax_rate=Decimal("120"), due_date=dt.date(2000, 1, 1))
    assert set(caught.value.message_dict) == {"tax_rate", "due_date"}
    assert issue(hourly).number == 1


def test_the_issued_invoice_keeps_the_parties_as_they_were(hourly):
    released_milestone(hourly)
    invoice = issue(hourly)
    profile = hourly.employer.employer_profile
    before = invoice.buyer_company
    profile.company_name = "Renamed Ltd"
    profile.save()
    invoice.refresh_from_db()
    assert invoice.buyer_company == before
    assert "Renamed Ltd" not in invoice_pdf_text(invoice)


def test_numbers_run_without_gaps_per_freelancer_across_credit_notes(hourly):
    other = ContractFactory(budget_type="hourly", weekly_hour_limit=40)
    released_milestone(hourly, title="One")
    first = issue(hourly)
    released_milestone(other, title="Elsewhere")
    assert issue(other).number == 1  # another freelancer's own sequence
    note = credit_note_create(invoice=first, by=hourly.freelancer, reason="Wrong client name")
    again = issue(hourly)  # the fully credited milestone is billable again
    assert [first.number, note.number, again.number] == [1, 2, 3]
    assert note.display_number.startswith("CN-")


def test_a_partial_credit_note_keeps_the_items_billed(hourly):
    released_milestone(hourly, "500.00")
    invoice = issue(hourly, tax_rate=Decimal("10"))
    note = credit_note_create(
        invoice=invoice, by=hourly.freelancer, reason="Discount", amount=Decimal("100")
    )
    assert (note.subtotal, note.tax_amount, note.total) == (
        Decimal("100.00"),
        Decimal("10.00"),
        Decimal("110.00"),
    )
    assert note.credits == invoice
    assert InvoiceLine.objects.filter(invoice=invoice, is_live=True).count() == 1
    with pytest.raises(ValidationError, match=r"At most 400\.00 USD"):
        credit_note_create(
            invoice=invoice, by=hourly.freelancer, reason="Again", amount=Decimal("401")
        )
    with pytest.raises(ValidationError, match="already a credit note"):
        credit_note_create(invoice=note, by=hourly.freelancer, reason="Nope")
    with pytest.raises(ValidationError, match="Only the freelancer who issued"):
        credit_note_create(invoice=invoice, by=hourly.employer, reason="Mine")


def test_an_invoice_without_tax_is_settled_by_escrow_when_issued(hourly):
    # Its items were paid through escrow before it existed: asking for them again would make
    # the client pay twice.
    released_milestone(hourly, "400.00")
    invoice = issue(hourly)
    assert invoice.is_paid
    assert (invoice.escrow_paid, invoice.amount_due) == (Decimal("400.00"), Decimal("0.00"))
    text = invoice_pdf_text(invoice)
    assert "Balance due" in text
    assert "0.00 USD" in text
    assert "Status: Paid" in text


def test_the_issuer_marks_the_tax_paid_once(hourly):
    released_milestone(hourly)
    invoice = issue(hourly, tax_rate=Decimal("10"))
    assert not invoice.is_paid
    assert invoice.amount_due == invoice.tax_amount
    paid = invoice_mark_paid(invoice=invoice, by=hourly.freelancer)
    assert paid.is_paid
    assert invoice_mark_paid(invoice=invoice, by=hourly.freelancer).paid_at == paid.paid_at
    with pytest.raises(ValidationError):
        invoice_mark_paid(invoice=invoice, by=hourly.employer)


def invoice_pdf_text(invoice: Invoice) -> str:
    reader = PdfReader(io.BytesIO(invoice_pdf(invoice)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_reads_back_with_number_lines_and_totals(hourly):
    approved_week(hourly, hours=5)
    released_milestone(hourly, "1234.50", "Booking calendar")
    invoice = issue(hourly, tax_rate=Decimal("23"), tax_id="PT999")
    text = invoice_pdf_text(invoice)
    assert invoice.display_number in text
    assert "Booking calendar" in text
    assert f"week of {last_monday():%d %b %Y}" in text
    assert "1,234.50 USD" in text
    assert "Subtotal" in text
    assert "1,484.50 USD" in text
    assert "Tax (23%)" in text
    assert "341.44 USD" in text
    assert "1,825.94 USD" in text  # the total
    # The items were paid through escrow at release and approval: only the tax is still due.
    assert "Paid through escrow" in text
    assert "-1,484.50 USD" in text
    assert "Balance due" in text
    assert "Unpaid: 341.44 USD" in text
    assert "Tax id: PT999" in text
    assert invoice.seller_name in text


def test_a_credit_note_pdf_names_the_invoice_it_corrects(hourly):
    released_milestone(hourly)
    invoice = issue(hourly)
    note = credit_note_create(invoice=invoice, by=hourly.freelancer, reason="Wrong tax id")
    text = invoice_pdf_text(note)
    assert f"Credit note {note.display_number}" in text
    assert f"Corrects: {invoice.display_number}" in text
    assert "Wrong tax id" in text


@race(8)
def test_two_invoices_created_at_once_take_consecutive_numbers(round_):
    freelancer = FreelancerFactory()
    contracts = [ContractFactory(freelancer=freelancer) for _ in range(2)]
    for contract in contracts:
        released_milestone(contract)
    # The first round races on creating the sequence row too; later ones on locking it.
    if round_ % 2:
        released_milestone(contracts[0], title="Earlier")
        invoice_create(contract=contracts[0], by=freelancer, milestone_ids=None)
        for contract in contracts:
            released_milestone(contract, title="Later")

    outcomes = run_together(
        *(lambda c=c: invoice_create(contract=c, by=freelancer) for c in contracts)
    )

    assert all(isinstance(o, Invoice) for o in outcomes), outcomes
    numbers = sorted(Invoice.objects.filter(freelancer=freelancer).values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


@race(4)
def test_two_invoices_racing_for_the_same_milestone_bill_it_once(round_):
    contract = ContractFactory()
    released_milestone(contract)
    outcomes = run_together(
        lambda: invoice_create(contract=contract, by=contract.freelancer),
        lambda: invoice_create(contract=contract, by=contract.freelancer),
    )
    invoices = [o for o in outcomes if isinstance(o, Invoice)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(invoices), len(refusals)) == (1, 1), outcomes
    assert "Nothing on this contract is ready" in refusals[0].messages[0]
    assert list(Invoice.objects.values_list("number", flat=True)) == [1]

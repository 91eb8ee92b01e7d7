"""Reads of invoices: the permission-aware get, lists, and what a contract can still invoice."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import User
from projects.models import Contract, Milestone

from ..models import Invoice, InvoiceLine, Timesheet


def invoice_get_for_user(*, user: User, pk: int) -> Invoice:
    """An invoice its issuer or its addressee may see; anybody else (staff too) gets 404."""
    if not user.is_authenticated:
        raise Http404("No such invoice.")
    invoice = (
        Invoice.objects.filter(Q(freelancer=user) | Q(employer=user), pk=pk)
        .select_related("contract", "credits", "freelancer", "employer")
        .first()
    )
    if invoice is None:
        raise Http404("No such invoice.")
    return invoice


def invoices_for_user(
    *, user: User, year: int | None = None, paid: bool | None = None
) -> QuerySet[Invoice]:
    """The invoices and credit notes a user issued or received, newest first."""
    invoices = Invoice.objects.filter(Q(freelancer=user) | Q(employer=user)).select_related(
        "contract", "credits"
    )
    if year is not None:
        invoices = invoices.for_year(year)
    if paid is not None:
        invoices = invoices.filter(paid_at__isnull=not paid)
    return invoices.order_by("-issued_at", "-pk")


def invoice_years(*, user: User) -> list[int]:
    dates = Invoice.objects.filter(freelancer=user).dates("issued_at", "year", order="DESC")
    return [day.year for day in dates]


def invoiceable_milestones(*, contract: Contract) -> QuerySet[Milestone]:
    """Released milestones of the contract that no live invoice bills."""
    billed = InvoiceLine.objects.filter(milestone=OuterRef("pk"), is_live=True)
    return (
        contract.milestones.filter(status=Milestone.Status.RELEASED)
        .exclude(Exists(billed))
        .order_by("released_at", "pk")
    )


def invoiceable_timesheets(*, contract: Contract) -> QuerySet[Timesheet]:
    """Approved weeks of the contract that no live invoice bills."""
    billed = InvoiceLine.objects.filter(timesheet=OuterRef("pk"), is_live=True)
    return (
        Timesheet.objects.filter(contract=contract, state=Timesheet.State.APPROVED)
        .exclude(Exists(billed))
        .order_by("week_start")
    )

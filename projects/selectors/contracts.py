"""Reads about contracts: lists, the permission-aware get, milestones, and ledger balances.

Balances are always sums over the append-only ledger (never a stored field):
funded = released + fees + refunded + in escrow, per contract and in the contract's currency.
RELEASE entries hold what the freelancer received (the milestone less the fee), FEE entries the
platform's cut, so a freelancer's earnings are their RELEASE entries and an employer's spend is
RELEASE + FEE.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from projects.models import Contract, LedgerEntry, Milestone

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
_MONEY = DecimalField(max_digits=13, decimal_places=2)


def _cents(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT)


def _ledger_sum(kind: str, prefix: str = "ledger__") -> Coalesce:
    return Coalesce(
        Sum(f"{prefix}amount", filter=Q(**{f"{prefix}kind": kind})),
        Value(ZERO),
        output_field=_MONEY,
    )


@dataclass(frozen=True)
class ContractBalances:
    currency: str
    funded: Decimal
    released: Decimal
    fees: Decimal
    refunded: Decimal

    @property
    def in_escrow(self) -> Decimal:
        return self.funded - self.released - self.fees - self.refunded

    @property
    def paid_by_employer(self) -> Decimal:
        """What the employer has spent for good: released plus fees (escrow is still theirs)."""
        return self.released + self.fees


def contracts_for_user(*, user: User) -> QuerySet[Contract]:
    """The user's contracts on either side, newest first, with what a list row shows.

    One annotation (escrow) over one join to the ledger; parties and project in the same query.
    """
    return (
        Contract.objects.filter(Q(employer=user) | Q(freelancer=user))
        .select_related("project", "employer", "freelancer")
        .annotate(
            in_escrow=_ledger_sum(LedgerEntry.Kind.FUND)
            - _ledger_sum(LedgerEntry.Kind.RELEASE)
            - _ledger_sum(LedgerEntry.Kind.FEE)
            - _ledger_sum(LedgerEntry.Kind.REFUND),
        )
        .order_by("-created_at", "-pk")
    )


def _contract_get(pk: int) -> Contract:
    contract = (
        Contract.objects.select_related("project", "employer", "freelancer", "proposal")
        .filter(pk=pk)
        .first()
    )
    if contract is None:
        raise Http404("No such contract.")
    return contract


def contract_get_for_party(*, user: User, pk: int, role: str | None = None) -> Contract:
    """A contract the user is a party to (as `role`, when given); anybody else gets 404.

    Staff are not parties: they may view (contract_get_for_user) but never act.
    """
    contract = _contract_get(pk)
    party = contract.party_role(user) if user.is_authenticated else None
    if party is None or (role is not None and party != role):
        raise Http404("No such contract.")
    return contract


def contract_get_for_user(*, user: User, pk: int) -> Contract:
    """A contract for viewing: its parties, and staff (read-only); anybody else gets 404."""
    contract = _contract_get(pk)
    if user.is_authenticated and (user.is_staff or contract.party_role(user) is not None):
        return contract
    raise Http404("No such contract.")


def contract_milestones(*, contract: Contract) -> list[Milestone]:
    return list(contract.milestones.order_by("position", "due_date", "pk"))


def contract_ledger(*, contract: Contract) -> list[LedgerEntry]:
    return list(contract.ledger.select_related("milestone").order_by("created_at", "pk"))


def contract_balances(*, contract: Contract) -> ContractBalances:
    """The contract's ledger summed by kind, in one query."""
    sums = contract.ledger.aggregate(
        funded=_ledger_sum(LedgerEntry.Kind.FUND, prefix=""),
        released=_ledger_sum(LedgerEntry.Kind.RELEASE, prefix=""),
        fees=_ledger_sum(LedgerEntry.Kind.FEE, prefix=""),
        refunded=_ledger_sum(LedgerEntry.Kind.REFUND, prefix=""),
    )
    # SQLite sums decimals without their scale (300, not 300.00); show cents everywhere.
    return ContractBalances(currency=contract.currency, **{k: _cents(v) for k, v in sums.items()})


def _by_currency(entries: QuerySet[LedgerEntry]) -> dict[str, Decimal]:
    rows = entries.values("currency").annotate(total=Sum("amount")).order_by("currency")
    return {row["currency"]: _cents(row["total"]) for row in rows if row["total"]}


def _month_start() -> dt.datetime:
    today = timezone.localdate()
    return dt.datetime(today.year, today.month, 1, tzinfo=timezone.get_current_timezone())


def freelancer_earnings(*, user: User, since: dt.datetime | None = None) -> dict[str, Decimal]:
    """What the freelancer received (released, net of the platform fee), by currency."""
    entries = LedgerEntry.objects.filter(contract__freelancer=user, kind=LedgerEntry.Kind.RELEASE)
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    return _by_currency(entries)


def freelancer_earnings_this_month(*, user: User) -> dict[str, Decimal]:
    """The freelancer's earnings since the first of this month (local time), by currency."""
    return freelancer_earnings(user=user, since=_month_start())


def employer_spend(*, user: User, since: dt.datetime | None = None) -> dict[str, Decimal]:
    """What the employer paid for work (released plus platform fees), by currency."""
    entries = LedgerEntry.objects.filter(
        contract__employer=user, kind__in=(LedgerEntry.Kind.RELEASE, LedgerEntry.Kind.FEE)
    )
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    return _by_currency(entries)


def employer_spend_this_month(*, user: User) -> dict[str, Decimal]:
    return employer_spend(user=user, since=_month_start())


def milestones_upcoming_for(*, user: User, limit: int = 5) -> QuerySet[Milestone]:
    """Open milestones on the user's active contracts, soonest due first (for dashboards)."""
    return (
        Milestone.objects.filter(
            Q(contract__employer=user) | Q(contract__freelancer=user),
            contract__status=Contract.Status.ACTIVE,
        )
        .exclude(status__in=(Milestone.Status.RELEASED, Milestone.Status.REFUNDED))
        .select_related("contract")
        .order_by("due_date", "pk")[:limit]
    )


def milestone_get_for_party(
    *, user: User, contract_pk: int, pk: int, role: str | None = None
) -> Milestone:
    """A milestone on a contract the user is a party to (as `role`); anything else gets 404."""
    contract = contract_get_for_party(user=user, pk=contract_pk, role=role)
    milestone = Milestone.objects.filter(pk=pk, contract=contract).first()
    if milestone is None:
        raise Http404("No such milestone.")
    milestone.contract = contract
    return milestone


def _milestone_contract_pk(pk: int) -> int:
    contract_pk = Milestone.objects.filter(pk=pk).values_list("contract_id", flat=True).first()
    if contract_pk is None:
        raise Http404("No such milestone.")
    return contract_pk


def milestone_get_for_user(*, user: User, pk: int) -> Milestone:
    """A milestone for viewing: its contract's parties, and staff (read-only); others get 404."""
    contract = contract_get_for_user(user=user, pk=_milestone_contract_pk(pk))
    milestone = Milestone.objects.filter(pk=pk, contract=contract).first()
    if milestone is None:
        raise Http404("No such milestone.")
    milestone.contract = contract
    return milestone


def milestone_get_for_party_by_pk(*, user: User, pk: int, role: str | None = None) -> Milestone:
    """milestone_get_for_party when only the milestone's id is known (its contract is found)."""
    return milestone_get_for_party(
        user=user, contract_pk=_milestone_contract_pk(pk), pk=pk, role=role
    )

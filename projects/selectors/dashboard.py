"""What each role's dashboard shows: counts, the next things to do, money, each in a fixed
number of queries whatever the number of rows (the dashboard test asserts it).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from accounts.models import User
from projects.models import Contract, Invite, Milestone, Project, Proposal, Report
from projects.selectors.contracts import (
    contracts_for_user,
    employer_spend,
    employer_spend_this_month,
    freelancer_earnings_this_month,
    milestones_upcoming_for,
)
from projects.selectors.proposals import FREELANCER_PROPOSAL_STATUSES, invites_for_freelancer

# How many rows a dashboard card lists before it links to the full page.
CARD_ROWS = 5
# Projects an employer still works on; the others are history and live on "My projects".
LIVE_PROJECT_STATUSES = (Project.Status.DRAFT, Project.Status.OPEN, Project.Status.IN_PROGRESS)
# Milestones waiting for the employer: fund them, or review the work submitted.
EMPLOYER_TODO_STATUSES = (Milestone.Status.UNFUNDED, Milestone.Status.SUBMITTED)


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    count: int
    proposals: int = 0  # live proposals on the employer's projects in this state


@dataclass(frozen=True)
class FreelancerDashboard:
    proposal_counts: list[StatusCount]
    invites: list[Invite]
    invite_count: int
    active_contracts: list[Contract]
    active_contract_count: int
    milestones: list[Milestone]
    earnings_this_month: dict[str, Decimal] = field(default_factory=dict)

    @property
    def proposal_total(self) -> int:
        return sum(row.count for row in self.proposal_counts)


@dataclass(frozen=True)
class EmployerDashboard:
    project_counts: list[StatusCount]
    live_projects: list[Project]
    active_contracts: list[Contract]
    active_contract_count: int
    milestones_to_act_on: list[Milestone]
    milestones_to_act_on_count: int
    spend: dict[str, Decimal] = field(default_factory=dict)
    spend_this_month: dict[str, Decimal] = field(default_factory=dict)

    @property
    def project_total(self) -> int:
        return sum(row.count for row in self.project_counts)


@dataclass(frozen=True)
class StaffDashboard:
    open_reports: int
    hidden_projects: int
    suspended_users: int


def _active_contracts(user: User) -> tuple[list[Contract], int]:
    active = contracts_for_user(user=user).filter(status=Contract.Status.ACTIVE)
    # Always counted (without the ledger join), so the number of queries never depends on rows.
    count = (
        Contract.objects.filter(Q(employer=user) | Q(freelancer=user))
        .filter(status=Contract.Status.ACTIVE)
        .count()
    )
    return list(active[:CARD_ROWS]), count


def freelancer_dashboard(*, user: User) -> FreelancerDashboard:
    """Proposals by state, open invitations, active contracts, next milestones and earnings."""
    by_status = dict(
        Proposal.objects.filter(freelancer=user)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Freelancers never learn that an employer archived their proposal: it counts as submitted.
    by_status[Proposal.Status.SUBMITTED] = by_status.get(
        Proposal.Status.SUBMITTED, 0
    ) + by_status.pop(Proposal.Status.ARCHIVED, 0)
    invites = invites_for_freelancer(user=user)
    contracts, contract_count = _active_contracts(user)
    return FreelancerDashboard(
        proposal_counts=[
            StatusCount(status.value, str(status.label), by_status.get(status.value, 0))
            for status in FREELANCER_PROPOSAL_STATUSES
        ],
        invites=list(invites[:CARD_ROWS]),
        invite_count=invites.order_by().count(),
        active_contracts=contracts,
        active_contract_count=contract_count,
        milestones=list(milestones_upcoming_for(user=user, limit=CARD_ROWS)),
        earnings_this_month=freelancer_earnings_this_month(user=user),
    )


def employer_dashboard(*, user: User) -> EmployerDashboard:
    """Projects by state with proposal counts, active contracts, milestones to act on, spend."""
    live_proposals = Q(proposals__status__in=Proposal.ACTIVE_STATUSES)
    rows = (
        Project.objects.owned_by(user)
        .values("status")
        .annotate(n=Count("pk", distinct=True), proposals=Count("proposals", filter=live_proposals))
        .order_by()
    )
    by_status = {row["status"]: row for row in rows}
    live_projects = list(
        Project.objects.owned_by(user)
        .filter(status__in=LIVE_PROJECT_STATUSES)
        .annotate(
            proposal_count=Count("proposals", filter=live_proposals),
            unread_proposal_count=Count(
                "proposals", filter=live_proposals & Q(proposals__viewed_at__isnull=True)
            ),
        )
        .order_by("-created_at", "-pk")[:CARD_ROWS]
    )
    todo = (
        Milestone.objects.filter(
            contract__employer=user,
            contract__status=Contract.Status.ACTIVE,
            status__in=EMPLOYER_TODO_STATUSES,
        )
        .select_related("contract", "contract__freelancer")
        .order_by("due_date", "pk")
    )
    contracts, contract_count = _active_contracts(user)
    return EmployerDashboard(
        project_counts=[
            StatusCount(
                value,
                str(label),
                by_status.get(value, {}).get("n", 0),
                by_status.get(value, {}).get("proposals", 0),
            )
            for value, label in Project.Status.choices
        ],
        live_projects=live_projects,
        active_contracts=contracts,
        active_contract_count=contract_count,
        milestones_to_act_on=list(todo[:CARD_ROWS]),
        milestones_to_act_on_count=todo.order_by().count(),
        spend=employer_spend(user=user),
        spend_this_month=employer_spend_this_month(user=user),
    )


def staff_dashboard() -> StaffDashboard:
    """What waits for moderators: open reports, hidden projects, suspended accounts."""
    return StaffDashboard(
        open_reports=Report.objects.filter(status=Report.Status.OPEN).count(),
        hidden_projects=Project.objects.filter(is_hidden=True).count(),
        suspended_users=User.objects.filter(is_active=False).count(),
    )

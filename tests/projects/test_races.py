"""Races on withdrawing a proposal and releasing a milestone, on PostgreSQL (tests/races.py).

A hire racing a withdrawal is in test_hiring.py; these add two withdrawals at once and two
approvals of one milestone at once (the payout must leave escrow exactly once).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

from projects.models import LedgerEntry, Milestone, Notification, Proposal
from projects.services import milestones as ms
from projects.services.proposals import proposal_withdraw
from tests.factories import ContractFactory, MilestoneFactory, ProposalFactory
from tests.races import race, run_together


@race()
def test_withdrawing_twice_at_once_withdraws_once(round_):
    proposal = ProposalFactory()
    withdraw = lambda: proposal_withdraw(freelancer=proposal.freelancer, proposal=proposal)  # noqa: E731

    outcomes = run_together(withdraw, withdraw)

    withdrawn = [o for o in outcomes if isinstance(o, Proposal)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(withdrawn), len(refusals)) == (1, 1), outcomes
    assert refusals[0].messages == ["This proposal is already withdrawn."]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert proposal.decided_at == withdrawn[0].decided_at


@race()
def test_approving_one_milestone_twice_at_once_pays_out_once(round_):
    milestone = MilestoneFactory(contract=ContractFactory(), amount=Decimal("500.00"))
    employer, freelancer = milestone.contract.employer, milestone.contract.freelancer
    ms.milestone_fund(milestone=milestone, by=employer)
    ms.milestone_submit(milestone=milestone, by=freelancer, note="See the staging link.")
    approve = lambda: ms.milestone_approve(milestone=milestone, by=employer)  # noqa: E731

    outcomes = run_together(approve, approve)

    # Approving twice is not an error (the second sees it released), but it pays once.
    assert all(isinstance(o, Milestone) for o in outcomes), outcomes
    entries = LedgerEntry.objects.filter(milestone=milestone)
    assert entries.filter(kind=LedgerEntry.Kind.RELEASE).count() == 1
    assert entries.filter(kind=LedgerEntry.Kind.FEE).count() == 1
    released = sum(e.amount for e in entries.exclude(kind=LedgerEntry.Kind.FUND))
    assert released == Decimal("500.00")  # payout plus fee: the escrowed amount, not twice it
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.RELEASED
    assert (
        Notification.objects.filter(user=freelancer, title__startswith="Payment released").count()
        == 1
    )

"""Hiring: one proposal becomes the contract; refusals write nothing; races end one way."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.models import Contract, Notification, Project, Proposal
from projects.services.hiring import ANOTHER_HIRED, proposal_hire
from projects.services.proposals import proposal_withdraw
from tests.factories import ContractFactory, EmployerFactory, ProjectFactory, ProposalFactory
from tests.races import race, run_together


def hire(proposal, **changes):
    arguments = {"start_date": timezone.localdate(), "terms": "Weekly demos."}
    return proposal_hire(
        employer=proposal.project.employer, proposal=proposal, **arguments | changes
    )


@pytest.mark.django_db
def test_hire_creates_the_contract_starts_the_project_and_declines_the_others():
    project = ProjectFactory(budget_type="hourly")
    chosen = ProposalFactory(project=project, bid_amount=Decimal("55.00"), currency="EUR")
    other = ProposalFactory(project=project)
    archived = ProposalFactory(project=project, status=Proposal.Status.ARCHIVED)
    withdrawn = ProposalFactory(project=project, status=Proposal.Status.WITHDRAWN)
    start = timezone.localdate() + dt.timedelta(days=3)

    contract = hire(chosen, start_date=start)

    assert (contract.employer, contract.freelancer, contract.proposal) == (
        project.employer,
        chosen.freelancer,
        chosen,
    )
    assert (contract.title, contract.terms, contract.budget_type) == (
        project.title,
        "Weekly demos.",
        "hourly",
    )
    assert (contract.amount, contract.currency, contract.start_date) == (
        Decimal("55.00"),
        "EUR",
        start,
    )
    chosen.refresh_from_db()
    assert chosen.status == Proposal.Status.HIRED
    assert chosen.decided_at is not None
    project.refresh_from_db()
    assert project.status == Project.Status.IN_PROGRESS
    for declined in (other, archived):
        declined.refresh_from_db()
        assert declined.status == Proposal.Status.DECLINED
        assert declined.decline_reason == ANOTHER_HIRED
        assert Notification.objects.filter(
            user=declined.freelancer, kind="proposal_declined"
        ).exists()
    withdrawn.refresh_from_db()
    assert withdrawn.status == Proposal.Status.WITHDRAWN
    assert Notification.objects.get(user=chosen.freelancer).kind == "hired"


def assert_nothing_written(proposal, *, status=Proposal.Status.SUBMITTED):
    assert not Contract.objects.filter(proposal=proposal).exists()
    proposal.refresh_from_db()
    assert proposal.status == status
    assert not Notification.objects.filter(kind="hired").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Project.Status.DRAFT, Project.Status.CLOSED, Project.Status.CANCELLED]
)
def test_hiring_on_a_project_that_is_not_open_is_refused(status):
    proposal = ProposalFactory(project__status=status)
    with pytest.raises(ValidationError, match="only hire on an open project"):
        hire(proposal)
    assert_nothing_written(proposal)


@pytest.mark.django_db
def test_hiring_a_withdrawn_proposal_is_refused():
    proposal = ProposalFactory(status=Proposal.Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="withdrew this proposal"):
        hire(proposal)
    assert_nothing_written(proposal, status=Proposal.Status.WITHDRAWN)


@pytest.mark.django_db
def test_hiring_a_declined_proposal_is_refused():
    proposal = ProposalFactory(status=Proposal.Status.DECLINED)
    with pytest.raises(ValidationError, match="declined; it cannot be hired"):
        hire(proposal)


@pytest.mark.django_db
def test_a_second_hire_on_the_same_project_is_refused():
    first = ProposalFactory()
    second = ProposalFactory(project=first.project)
    hire(first)
    second.refresh_from_db()

    with pytest.raises(ValidationError, match="already been hired"):
        hire(second)
    assert Contract.objects.count() == 1


@pytest.mark.django_db
def test_a_live_contract_blocks_a_hire_even_if_the_project_was_reopened():
    contract = ContractFactory()
    Project.objects.filter(pk=contract.project_id).update(status=Project.Status.OPEN)
    proposal = ProposalFactory(project=contract.project)
    with pytest.raises(ValidationError, match="already been hired"):
        hire(proposal)


@pytest.mark.django_db
def test_a_start_date_in_the_past_is_refused_next_to_the_field():
    proposal = ProposalFactory()
    with pytest.raises(ValidationError) as error:
        hire(proposal, start_date=timezone.localdate() - dt.timedelta(days=1))
    assert error.value.message_dict == {"start_date": ["The start date cannot be in the past."]}
    assert_nothing_written(proposal)


@pytest.mark.django_db
def test_only_the_projects_owner_can_hire():
    proposal = ProposalFactory()
    with pytest.raises(ValidationError, match="project's owner"):
        proposal_hire(
            employer=EmployerFactory(), proposal=proposal, start_date=timezone.localdate()
        )
    assert_nothing_written(proposal)


# --- races, on PostgreSQL: SQLite serialises writers, so it cannot show a race ------------------


@race()
def test_two_concurrent_hires_on_one_project_make_exactly_one_contract(round_):
    project = ProjectFactory()
    first, second = ProposalFactory(project=project), ProposalFactory(project=project)

    outcomes = run_together(lambda: hire(first), lambda: hire(second))

    contracts = [o for o in outcomes if isinstance(o, Contract)]
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(contracts), len(refusals)) == (1, 1), outcomes
    assert "already been hired" in refusals[0].messages[0]
    assert Contract.objects.filter(project=project).count() == 1
    statuses = sorted(Proposal.objects.filter(project=project).values_list("status", flat=True))
    assert statuses == [Proposal.Status.DECLINED, Proposal.Status.HIRED]
    project.refresh_from_db()
    assert project.status == Project.Status.IN_PROGRESS


@race()
def test_a_hire_racing_a_withdrawal_ends_one_way(round_):
    proposal = ProposalFactory()

    hired, withdrawn = run_together(
        lambda: hire(proposal),
        lambda: proposal_withdraw(freelancer=proposal.freelancer, proposal=proposal),
    )

    proposal.refresh_from_db()
    if isinstance(hired, Contract):
        assert isinstance(withdrawn, ValidationError), withdrawn
        assert "can no longer be withdrawn" in withdrawn.messages[0]
        assert proposal.status == Proposal.Status.HIRED
        assert Contract.objects.count() == 1
    else:
        assert isinstance(hired, ValidationError), hired
        assert "withdrew this proposal" in hired.messages[0]
        assert isinstance(withdrawn, Proposal)
        assert proposal.status == Proposal.Status.WITHDRAWN
        assert not Contract.objects.exists()
        proposal.project.refresh_from_db()
        assert proposal.project.status == Project.Status.OPEN

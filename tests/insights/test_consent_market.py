"""“Count my contracts in market statistics”, switched off on the privacy page, takes the
person's contracts out of the next rate aggregation and the next estimator training, whichever
side of the contract they are on."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AIFeature
from accounts.selectors.privacy import features_for
from insights.estimator.platform import completed_contract_records, posted_budget_records
from insights.models import RateStat
from insights.services.estimator import estimator_train
from insights.services.market import market_aggregate
from projects.models import Contract, Project, Proposal
from tests.factories import ContractFactory, FreelancerFactory, ProposalFactory
from tests.insights.market import contracts_at, hourly_project, skill
from tests.insights.test_estimator_model import planted_records
from tests.insights.test_estimator_service import completed_contracts

pytestmark = pytest.mark.django_db


def switch_off(client, user) -> None:
    client.force_login(user)
    ticked = {f: "on" for f in features_for(user) if f != AIFeature.MARKET_STATISTICS}
    response = client.post(reverse("accounts:privacy"), {"section": "consents", **ticked})
    assert response.status_code == 302
    client.logout()


@pytest.fixture
def django_rates():
    """Forty-one contracts at 60 to 100 USD an hour, and one at 400 between `outlier`'s
    freelancer and employer."""
    django = skill("Django")
    contracts_at(django, range(60, 101))
    outlier = ContractFactory(
        project=hourly_project(django),
        budget_type="hourly",
        amount=Decimal("400"),
        currency="USD",
    )
    return {"skill": django, "outlier": outlier}


def cell(skill_) -> RateStat:
    return RateStat.objects.get(skill=skill_, level="", region="any")


@pytest.mark.parametrize("party", ["freelancer", "employer"])
def test_a_party_opting_out_takes_the_contract_out_of_the_next_aggregation(
    client, django_rates, party
):
    market_aggregate()
    before = cell(django_rates["skill"])
    assert before.contracts == 42

    switch_off(client, getattr(django_rates["outlier"], party))
    market_aggregate()

    after = cell(django_rates["skill"])
    assert after.contracts == 41
    assert after.p75 < before.p75  # the 400 no longer pulls the top quartile up


def test_a_hire_without_a_contract_yet_leaves_too(client):
    design = skill("Figma")
    contracts_at(design, [80] * 5)
    hired = ProposalFactory(
        project=hourly_project(design, status=Project.Status.OPEN),
        freelancer=FreelancerFactory(),
        status=Proposal.Status.HIRED,
        bid_amount=Decimal("300"),
    )
    market_aggregate()
    assert cell(design).accepted_proposals == 1
    switch_off(client, hired.freelancer)
    market_aggregate()
    assert cell(design).accepted_proposals == 0


def test_an_opted_out_contract_leaves_the_estimators_next_training_set(client):
    contracts = completed_contracts(planted_records(30, seed=31))
    leaving = contracts[0]
    assert f"c{leaving.pk}" in {d.record["id"] for d in completed_contract_records()}
    first = estimator_train(use_encoder=False)
    assert first.metrics["sources"]["contract"] == 30

    switch_off(client, leaving.employer)

    assert f"c{leaving.pk}" not in {d.record["id"] for d in completed_contract_records()}
    # Nor does its project come back as a posted budget.
    assert f"p{leaving.project_id}" not in {d.record["id"] for d in posted_budget_records()}
    second = estimator_train(use_encoder=False)
    assert second.pk != first.pk
    assert second.metrics["sources"]["contract"] == 29
    assert Contract.objects.filter(pk=leaving.pk).exists()  # the contract itself is untouched

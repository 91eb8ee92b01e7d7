"""/api/v1/insights/: rate advice, demand trends and opportunities, as the pages give them."""

import pytest
from django.urls import reverse

from insights.selectors.estimates import estimator_forget
from insights.services.estimator import estimator_train
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import EmployerFactory
from tests.insights.market import django_market
from tests.insights.test_estimator_model import planted_records
from tests.insights.test_estimator_service import completed_contracts

ROWS = [
    Row(
        "api:insights-rate-advice",
        "get",
        expect=codes(403, anonymous=401, freelancer=200, other_freelancer=200),
    ),
    Row("api:insights-demand", "get", expect=codes(200, anonymous=401)),
    Row("api:insights-opportunities", "get", expect=codes(200, anonymous=401)),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_market_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.fixture
def market(db):
    return django_market(my_rate="30")


def test_rate_advice_gives_the_figures_their_evidence_and_the_warning(market, client_for):
    body = client_for(market["me"]).get(reverse("api:insights-rate-advice")).json()
    assert body["currency"] == "USD"
    first = body["skills"][0]
    assert first["skill"] == "Django"
    assert first["enough"] is True
    assert 78 <= float(first["p50"]) <= 82
    assert "41 contracts" in first["reason"]
    assert "under-pricing" in body["warning"]


def test_a_rate_to_check_must_be_a_positive_number(market, client_for):
    response = client_for(market["me"]).get(reverse("api:insights-rate-advice"), {"rate": "-5"})
    assert response.status_code == 400
    assert "rate" in response.json()["fields"]


def test_demand_and_opportunities_carry_the_weekly_counts_and_ranking(market, client_for):
    client = client_for(market["me"])
    trends = client.get(reverse("api:insights-demand")).json()
    assert len(trends["weeks"]) == 52
    django = trends["skills"][0]
    assert django["skill"] == "Django"
    assert django["yours"] is True
    assert sum(django["counts"]) == django["projects_year"]
    found = client.get(reverse("api:insights-opportunities")).json()
    assert found["top"][0]["skill"] == "Django"
    assert found["top"][0]["open_projects"] == 3


ROWS.append(
    Row(
        "api:insights-estimate",
        "post",
        expect=codes(403, anonymous=401, employer=200, other_employer=200),
        body={"title": "Django website", "budget_type": "fixed"},
    )
)


@pytest.fixture
def trained(db):
    estimator_forget()
    completed_contracts(planted_records(90, seed=21))
    yield estimator_train(use_encoder=False)
    estimator_forget()


def test_the_api_gives_the_same_estimate_in_the_currency_asked(client_for, trained):
    ask = {
        "title": "Django website",
        "skills": ["Django"],
        "budget_type": "hourly",
        "experience_level": "intermediate",
        "duration_weeks": 8,
        "hours_per_week": 20,
        "currency": "EUR",
    }
    body = (
        client_for(EmployerFactory())
        .post(reverse("api:insights-estimate"), ask, format="json")
        .json()
    )
    assert body["available"] is True
    assert body["currency"] == "EUR"
    assert float(body["low"]) <= float(body["amount"]) <= float(body["high"])
    assert body["comparables"]


def test_the_api_compares_a_budget_sent_with_the_estimate(client_for, trained):
    api = client_for(EmployerFactory())
    ask = {"title": "Django website", "skills": ["Django"], "budget_type": "hourly"}
    plain = api.post(reverse("api:insights-estimate"), ask, format="json").json()
    assert plain["budget_advice"] == ""  # no budget sent, nothing to compare
    start = round(float(plain["high"]) * 10)
    answer = api.post(
        reverse("api:insights-estimate"), {**ask, "budget_min": start}, format="json"
    ).json()
    assert answer["amount"] == plain["amount"]  # the budget never moves the estimate
    assert f"Your budget starts at {start:,} USD/h" in answer["budget_advice"]
    assert "choose “Fixed price”" in answer["budget_advice"]


def test_the_api_says_what_is_missing(client_for, db):
    response = client_for(EmployerFactory()).post(
        reverse("api:insights-estimate"), {"budget_type": "fixed"}, format="json"
    )
    assert response.status_code == 400
    assert "Describe the work" in str(response.json()["fields"])

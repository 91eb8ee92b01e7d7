"""The estimate on the project form and its API, for an employer describing work."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from insights.selectors.estimates import Estimate, estimator_forget
from insights.services.estimator import estimator_train
from projects.models import Project
from tests.factories import EmployerFactory, FreelancerFactory
from tests.insights.test_estimator_model import planted_records
from tests.insights.test_estimator_service import _project, completed_contracts

pytestmark = pytest.mark.django_db
FORM = {
    "title": "Django website",
    "description": "We need a website using Django.",
    "required_skills": "Django",
    "budget_type": "hourly",
    "experience_level": "intermediate",
    "duration_weeks": "8",
    "hours_per_week": "20",
    "currency": "USD",
}


@pytest.fixture(autouse=True)
def _forget_loaded_estimator():
    estimator_forget()
    yield
    estimator_forget()


@pytest.fixture
def trained(db):
    completed_contracts(planted_records(90, seed=21))
    for record in planted_records(6, seed=22):
        _project(record, Project.Status.OPEN)
    return estimator_train(use_encoder=False)


def test_the_form_shows_a_range_a_duration_and_the_projects_behind_it(client, trained):
    client.force_login(EmployerFactory())
    page = client.post(reverse("insights:budget-estimate"), FORM).content.decode()
    assert "A fair hourly rate:" in page
    assert "USD/h</strong>" in page  # the rate and its range are per hour
    assert "USD/h)" in page
    assert "80% likely between" in page
    assert "hourly projects and contracts on Gigwise" in page
    assert "Such work usually takes <strong>about" in page
    # The form asked for 8 weeks: the box says how that compares, not that it is wrong.
    weeks = int(re.search(r"usually takes <strong>about (\d+) weeks?", page).group(1))
    assert ("(you planned 8 weeks)" in page) == (weeks != 8)
    assert "The most similar projects it is based on" in page


def test_a_half_filled_form_gets_a_hint_not_an_error(client, trained):
    client.force_login(EmployerFactory())
    response = client.post(reverse("insights:budget-estimate"), {"hours_per_week": "lots"})
    assert response.status_code == 200
    assert "Give the project a title or its skills" in response.content.decode()
    # An invalid answer is left out rather than refused: the rest still estimates.
    answers = {**FORM, "duration_weeks": "500"}
    assert (
        "A fair hourly rate:"
        in client.post(reverse("insights:budget-estimate"), answers).content.decode()
    )


def test_without_a_trained_estimator_it_says_there_is_not_enough_data(client, db):
    client.force_login(EmployerFactory())
    page = client.post(reverse("insights:budget-estimate"), FORM).content.decode()
    assert "Not enough data yet" in page


@pytest.mark.parametrize(("who", "status"), [("freelancer", 404), ("anonymous", 302)])
def test_only_employers_get_estimates(client, db, who, status):
    if who == "freelancer":
        client.force_login(FreelancerFactory())
    assert client.post(reverse("insights:budget-estimate"), FORM).status_code == status


def test_when_the_details_do_not_predict_prices_the_form_says_so(client, db):
    # The same projects with their amounts shuffled: nothing in a posting explains its price.
    import random

    records = planted_records(90, seed=21)
    hourly = [r for r in records if r["budget_type"] == "hourly"]
    amounts = [r["amount"] for r in hourly]
    random.Random(7).shuffle(amounts)
    completed_contracts([{**r, "amount": a} for r, a in zip(hourly, amounts, strict=True)])
    estimator_train(use_encoder=False)
    client.force_login(EmployerFactory())
    page = client.post(reverse("insights:budget-estimate"), FORM).content.decode()
    assert "A fair hourly rate:" in page
    assert "such budgets on Gigwise usually run between" in page
    assert "80% likely" not in page
    assert "Your details move the figure, but not the range" in page
    assert "make it closer" not in page


def test_when_the_details_predict_prices_the_form_says_they_make_it_closer(client, trained):
    client.force_login(EmployerFactory())
    page = client.post(reverse("insights:budget-estimate"), FORM).content.decode()
    assert "80% likely between" in page
    assert "make it closer" in page
    assert "narrow the range" not in page


def _estimate_page(client, **answers) -> str:
    client.force_login(EmployerFactory())
    return client.post(reverse("insights:budget-estimate"), {**FORM, **answers}).content.decode()


def _likely_range(page: str) -> tuple[float, float]:
    low, high = re.search(r"80% likely between ([\d,.]+) and ([\d,.]+)", page).groups()
    return float(low.replace(",", "")), float(high.replace(",", ""))


def test_a_whole_price_typed_as_an_hourly_rate_is_pointed_out(client, trained):
    _low, high = _likely_range(_estimate_page(client))
    start = round(high * 10)
    page = _estimate_page(client, budget_min=str(start), budget_max=str(start * 2))
    assert f"Your budget starts at {start:,} USD/h" in page
    times = round(start / high)  # rounded, not cut: 34.8 times reads "35 times"
    assert f"{times:,} times the top of the range of such projects" in page
    assert "If it is the price of the whole project, choose “Fixed price”." in page


def test_a_budget_below_the_range_warns_of_few_proposals(client, trained):
    low, _high = _likely_range(_estimate_page(client))
    top = max(1, int(low / 3))
    page = _estimate_page(client, budget_min="1", budget_max=str(top))
    assert f"Your budget tops out at {top} USD/h, below the range of such projects" in page
    assert "expect few proposals" in page


def test_a_budget_within_reach_of_the_range_says_nothing_about_it(client, trained):
    low, high = _likely_range(_estimate_page(client))
    page = _estimate_page(client, budget_min=str(int(low)), budget_max=str(int(high) + 1))
    assert 'id="budget-advice"' not in page
    # Swapped ends and typing in progress count the same: the budget is still within reach.
    page = _estimate_page(client, budget_min=str(int(high) + 1), budget_max="abc")
    assert 'id="budget-advice"' not in page


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("891", "(the low end of the usual range for such budgets on Gigwise, 891\u2013"
                "11,496 USD)"),
        ("11496", "(the high end of the usual range for such budgets on Gigwise, 891\u2013"
                  "11,496 USD)"),
        ("2400", "(such budgets on Gigwise usually run between 891 and 11,496 USD)"),
    ],
)  # fmt: skip
def test_a_point_held_at_an_end_of_the_usual_range_says_so(amount, said):
    # Before, a point held at the range's end read "891 USD (… between 891 and 11,496 USD)".
    estimate = Estimate(
        True, "", "fixed", "USD", amount=Decimal(amount), low=Decimal("891"),
        high=Decimal("11496"), sample_size=40, reads_details=True, market_range=True,
    )  # fmt: skip
    box = " ".join(
        render_to_string("insights/_budget_estimate.html", {"estimate": estimate}).split()
    )
    assert said in box
    assert box.count("891") == 1 + (amount == "891")


def test_a_model_range_never_reads_as_an_end_of_the_usual_one():
    narrowed = Estimate(
        True, "", "hourly", "USD", amount=Decimal("40"), low=Decimal("40"), high=Decimal("80"),
        market_range=False,
    )  # fmt: skip
    assert narrowed.edge == ""

"""Training on the platform's completed contracts and posted budgets, and the estimate shown."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from insights import tasks
from insights.estimator.platform import completed_contract_records
from insights.models import TaskRun, TrainedEstimator
from insights.selectors.estimates import budget_estimate, estimator_forget
from insights.services.estimator import estimator_train
from projects.models import Contract, Project, Skill, SkillCategory
from projects.money import convert
from projects.skill_names import compact
from tests.factories import ContractFactory, ProjectFactory, ProjectSkillFactory
from tests.insights.test_estimator_model import planted_records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_loaded_estimator():
    estimator_forget()
    yield
    estimator_forget()


def _project(record: dict, status: str) -> Project:
    amount = Decimal(str(record["amount"]))
    project = ProjectFactory(
        title=record["title"],
        description=record["description"] or record["title"],
        budget_type=record["budget_type"],
        budget_min=amount * Decimal("0.8"),
        budget_max=amount * Decimal("1.2"),
        experience_level=record["experience_level"],
        duration_weeks=record["duration_weeks"] or 4,
        hours_per_week=record["hours_per_week"],
        status=status,
    )
    for skill in record["skills"]:
        ProjectSkillFactory(project=project, free_text=skill)
    return project


def completed_contracts(records: list[dict], *, days_ago: int = 0) -> list[Contract]:
    contracts = []
    now = timezone.now()
    for n, record in enumerate(records):
        project = _project(record, Project.Status.COMPLETED)
        ended = now - dt.timedelta(days=days_ago + len(records) - n)
        contracts.append(
            ContractFactory(
                project=project,
                budget_type=record["budget_type"],
                amount=Decimal(str(record["amount"])),
                status=Contract.Status.COMPLETED,
                start_date=(ended - dt.timedelta(weeks=record["duration_weeks"] or 4)).date(),
                ended_at=ended,
            )
        )
    return contracts


ASK = {
    "title": "Django website",
    "description": "We need a project: a website using Django.",
    "skills": ["Django"],
    "experience_level": "intermediate",
    "budget_type": "hourly",
    "hours_per_week": 20,
    "duration_weeks": 8,
    "currency": "USD",
}


def test_before_anything_is_trained_the_estimate_says_not_enough_data():
    estimate = budget_estimate(**ASK)
    assert not estimate.available
    assert estimate.amount is None
    assert "Not enough data yet" in estimate.message


def test_with_too_few_projects_nothing_is_trained():
    completed_contracts(planted_records(8, seed=20))
    assert estimator_train(use_encoder=False) is None
    assert not TrainedEstimator.objects.exists()
    assert not budget_estimate(**ASK).available


@pytest.fixture
def market():
    """Ninety completed contracts and a few open projects with posted budgets."""
    contracts = completed_contracts(planted_records(90, seed=21))
    for record in planted_records(6, seed=22):
        _project(record, Project.Status.OPEN)
    return contracts


def test_training_twice_on_the_same_rows_trains_once(market):
    first = estimator_train(use_encoder=False)
    second = estimator_train(use_encoder=False)
    assert first is not None
    assert second.pk == first.pk
    assert TrainedEstimator.objects.filter(is_active=True).count() == 1
    assert first.rows == 96
    assert first.metrics["sources"] == {"contract": 90, "posted": 6}
    assert TaskRun.objects.filter(task="insights.estimator_train").count() == 1


def test_new_contracts_train_a_new_estimator_that_estimates_then_use(market):
    first = estimator_train(use_encoder=False)
    before = budget_estimate(**ASK)
    completed_contracts(planted_records(30, seed=23))
    second = estimator_train(use_encoder=False)
    after = budget_estimate(**ASK)
    assert second.pk != first.pk
    assert list(TrainedEstimator.objects.filter(is_active=True)) == [second]
    assert after.sample_size > before.sample_size


def test_the_estimate_has_a_range_a_duration_and_comparable_projects(market):
    estimator_train(use_encoder=False)
    estimate = budget_estimate(**{**ASK, "skills": ["Kubernetes"], "title": "Kubernetes cluster"})
    assert estimate.available
    assert estimate.low < estimate.amount < estimate.high
    assert estimate.duration_weeks >= 1
    assert estimate.sample_size > 20
    assert 0 < len(estimate.comparables) <= 5
    assert "Kubernetes" in estimate.comparables[0].skills


def test_invite_only_projects_are_never_shown_as_comparable(market):
    secret = {**planted_records(1, seed=26)[0], "title": "Quantum widget audit"}
    secret.update(skills=["Quantum Widgets"], budget_type="hourly")
    [contract] = completed_contracts([secret])
    Project.objects.filter(pk=contract.project_id).update(visibility="invite_only")
    estimator_train(use_encoder=False)
    estimate = budget_estimate(**{**ASK, "title": "Quantum widget audit",
                                  "skills": ["Quantum Widgets"]})  # fmt: skip
    assert estimate.comparables
    assert "Quantum widget audit" not in [c.title for c in estimate.comparables]


def test_expert_work_is_estimated_higher_than_entry_level_work(market):
    estimator_train(use_encoder=False)
    expert = budget_estimate(**{**ASK, "experience_level": "expert"})
    entry = budget_estimate(**{**ASK, "experience_level": "entry"})
    assert expert.amount > entry.amount


def test_the_estimate_is_given_in_the_currency_asked_for(market):
    estimator_train(use_encoder=False)
    dollars = budget_estimate(**ASK)
    euros = budget_estimate(**{**ASK, "currency": "EUR"})
    assert euros.currency == "EUR"
    assert euros.amount == pytest.approx(
        convert(dollars.amount, "USD", "EUR"), abs=Decimal("1")
    )  # both in whole units
    assert euros.amount != dollars.amount


def test_a_budget_type_with_too_few_contracts_gets_no_figure():
    hourly = [r for r in planted_records(120, seed=24) if r["budget_type"] == "hourly"]
    fixed = [r for r in planted_records(30, seed=25) if r["budget_type"] == "fixed"][:5]
    completed_contracts(hourly + fixed)
    estimator_train(use_encoder=False)
    assert budget_estimate(**ASK).available
    fixed_estimate = budget_estimate(**{**ASK, "budget_type": "fixed"})
    assert not fixed_estimate.available
    assert "Not enough data yet" in fixed_estimate.message


def test_the_task_trains_and_a_second_run_changes_nothing(market, monkeypatch):
    from insights.services import estimator as service

    real = service.estimator_train
    monkeypatch.setattr(service, "estimator_train", lambda: real(use_encoder=False))
    first = tasks.estimator_train.apply().get()
    second = tasks.estimator_train.apply().get()
    assert first["trained"] == second["trained"] == TrainedEstimator.objects.get().pk


def test_the_command_evaluates_on_the_platform_in_time_order(market, capsys):
    call_command("evaluate_estimator", "--json", "--no-encoder")
    output = capsys.readouterr().out.strip().splitlines()
    result = json.loads(output[-1])
    assert result["dataset"] == "platform (time-ordered split)"
    tested = result["estimator"]["fixed"]["n"] + result["estimator"]["hourly"]["n"]
    assert tested == 18  # the newest fifth of ninety completed contracts


def test_the_platform_evaluation_learns_from_budgets_posted_before_the_tested_contracts(
    market, capsys
):
    # As the weekly training does: posted budgets count, but only those the estimator could
    # have seen before the tested contracts ended (the market fixture's six are posted today).
    long_ago = timezone.now() - dt.timedelta(days=400)
    earlier = Project.objects.filter(status=Project.Status.OPEN).order_by("pk")[:4]
    Project.objects.filter(pk__in=[p.pk for p in earlier]).update(published_at=long_ago)
    call_command("evaluate_estimator", "--no-encoder")
    first_line = capsys.readouterr().out.splitlines()[0]
    assert "76 training rows" in first_line  # the oldest 72 contracts and the 4 older budgets


def test_an_estimator_trained_by_an_earlier_release_is_not_used_until_retrained(market, caplog):
    # Its features are not today's: reading a posting with it would fail or mislead.
    trained = estimator_train(use_encoder=False)
    TrainedEstimator.objects.filter(pk=trained.pk).update(
        version="ridge-bma-jackknife-4/tfidf", metrics={"fingerprint": "from an old release"}
    )
    estimator_forget()
    estimate = budget_estimate(**ASK)
    assert not estimate.available
    assert estimate.message == "Estimates are unavailable right now."
    assert "run `manage.py train_estimator`" in caplog.text
    budget_estimate(**ASK)  # as the employer types on: said once, not at every keystroke
    assert caplog.text.count("predates this release") == 1
    retrained = estimator_train(use_encoder=False)
    assert retrained.pk != trained.pk
    assert budget_estimate(**ASK).available


def test_without_a_category_the_estimate_compares_with_that_of_its_skills():
    # Web work pays about nine times writing; the employer names Django but no category.
    web = SkillCategory.objects.create(name="Web Development", slug="web")
    writing = SkillCategory.objects.create(name="Writing", slug="writing")
    for name, category in (("Django", web), ("Copywriting", writing)):
        Skill.objects.create(
            name=name, slug=slugify(name), normalised=compact(name), category=category
        )
    records = planted_records(90, seed=21)
    plain = [  # the same words whatever the price: only the category tells them apart
        {**r, "title": f"Help needed: {r['title'].split()[-1]}", "description": "", "skills": []}
        for r in records
    ]
    for n, (record, contract) in enumerate(zip(plain, completed_contracts(plain), strict=True)):
        category, factor = (web, 3) if n % 2 else (writing, 1 / 3)
        Project.objects.filter(pk=contract.project_id).update(category=category)
        Contract.objects.filter(pk=contract.pk).update(
            amount=Decimal(str(round(record["amount"] * factor, 2)))
        )
    estimator_train(use_encoder=False)
    ask = {**ASK, "title": "Help needed", "description": ""}

    django = budget_estimate(**{**ask, "skills": ["Django"]})
    copywriting = budget_estimate(**{**ask, "skills": ["Copywriting"]})
    chosen = budget_estimate(**{**ask, "skills": ["Copywriting"], "category": "Web Development"})

    assert (django.category, django.category_from_skills) == ("Web Development", True)
    assert (copywriting.category, copywriting.category_from_skills) == ("Writing", True)
    assert django.amount > 3 * copywriting.amount
    box = render_to_string("insights/_budget_estimate.html", {"estimate": django})
    assert "compared with Web Development work (the category of most of your skills" in box
    # A category the employer chose wins over the skills'.
    assert (chosen.category, chosen.category_from_skills) == ("Web Development", False)
    assert chosen.amount == django.amount


def test_a_project_without_a_category_is_learned_from_as_its_skills_category():
    web = SkillCategory.objects.create(name="Web Development", slug="web")
    django = Skill.objects.create(name="Django", slug="django", normalised="django", category=web)
    [contract] = completed_contracts(planted_records(1, seed=30))
    ProjectSkillFactory(project=contract.project, skill=django, free_text="")

    [dated] = completed_contract_records()

    assert dated.record["category"] == "Web Development"

"""Plans follow the profile (a changed skill recomputes them), the nightly task, and the
`recommend_courses` and `evaluate_learning` commands."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from learning.models import LearningPlan
from learning.services.plans import learning_plan_compute
from learning.tasks import plan_recompute, plans_recompute_all
from projects.services.talent import freelancer_skill_add
from tests.factories import FreelancerProfileFactory
from tests.matching.helpers import freelancer_with

pytestmark = pytest.mark.django_db


def test_a_new_skill_recomputes_an_existing_plan(
    planted_market, django_capture_on_commit_callbacks
):
    profile = planted_market["developer"]
    plan = learning_plan_compute(profile=profile)
    assert "Docker" in [g.skill.name for g in plan.gaps.all()]
    with django_capture_on_commit_callbacks(execute=True):
        freelancer_skill_add(profile=profile, text="Docker", level=4)
    plan = LearningPlan.objects.get(profile=profile)
    assert "Docker" not in [g.skill.name for g in plan.gaps.all()]


def test_no_plan_is_made_for_a_profile_nobody_looked_at(
    planted_market, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        freelancer_skill_add(profile=planted_market["developer"], text="Docker", level=4)
    assert not LearningPlan.objects.exists()


def test_the_tasks_are_safe_to_run_twice(planted_market):
    profile = planted_market["developer"]
    assert plan_recompute(profile.pk) is True
    assert plan_recompute(profile.pk) is True
    assert plan_recompute(999_999) is False  # a deleted profile: nothing to do
    assert LearningPlan.objects.count() == 1
    gaps = LearningPlan.objects.get().gaps.count()
    # The nightly run: freelancers with a plan, or seen in the last 90 days.
    profile.user.last_login = timezone.now() - timedelta(days=400)
    profile.user.save()
    assert plans_recompute_all() == 1
    assert LearningPlan.objects.get().gaps.count() == gaps


def test_recommend_courses_command(planted_market):
    out = StringIO()
    call_command("recommend_courses", "--email", "dev@example.com", stdout=out)
    assert "Computed 1 learning plans." in out.getvalue()
    with pytest.raises(CommandError, match="No freelancer profile"):
        call_command("recommend_courses", "--email", "nobody@example.com", stdout=StringIO())


def test_evaluate_learning_measures_without_writing(planted_market):
    out = StringIO()
    call_command("evaluate_learning", "--json", stdout=out)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["freelancers"] == 1
    assert figures["with_gaps"] == 1
    assert figures["top5_gap_coverage"] == 1.0  # Docker, Kubernetes and React all have courses
    assert figures["most_courses_on_one_skill"] <= 2
    # Closing Docker, Kubernetes and React makes every open gig a stronger match.
    assert figures["strong_matches_after"] > figures["strong_matches_before"]
    assert not LearningPlan.objects.exists()  # rolled back


def test_new_market_figures_recompute_the_plans(planted_market, django_capture_on_commit_callbacks):
    from insights.models import SkillMarket
    from insights.services.market import market_aggregate

    profile = planted_market["developer"]
    before = learning_plan_compute(profile=profile).computed_at
    with django_capture_on_commit_callbacks(execute=True):
        market_aggregate()
    # The planted figures were replaced by the real ones, and the plan read them.
    assert SkillMarket.objects.exists()
    assert LearningPlan.objects.get(profile=profile).computed_at > before


def test_a_changed_headline_recomputes_the_plan(planted_market, django_capture_on_commit_callbacks):
    profile = planted_market["developer"]
    before = learning_plan_compute(profile=profile).computed_at
    with django_capture_on_commit_callbacks(execute=True):
        profile.headline = "Django and Docker developer"
        profile.save()
    assert LearningPlan.objects.get(profile=profile).computed_at > before


def test_the_nightly_run_asks_for_every_plan_in_batches_under_the_time_limit(
    planted_market, monkeypatch, django_capture_on_commit_callbacks
):
    # One task for everyone stopped at the 240 s soft limit past about 1,500 freelancers.
    from learning import tasks

    monkeypatch.setattr(tasks, "PLANS_PER_TASK", 1)
    batches = []
    run_batch = tasks.plans_recompute_batch.run
    monkeypatch.setattr(
        tasks.plans_recompute_batch, "run", lambda ids: batches.append(ids) or run_batch(ids)
    )
    profile = planted_market["developer"]
    profile.user.last_login = timezone.now()
    profile.user.save()
    other = freelancer_with(headline="Django developer too", skills=["Django"], rate=40)
    learning_plan_compute(profile=other)  # has a plan; never logged in
    FreelancerProfileFactory()  # neither: left for when they next open the page

    with django_capture_on_commit_callbacks(execute=True):
        assert plans_recompute_all() == 2

    assert sorted(batches) == sorted([[profile.pk], [other.pk]])
    assert set(LearningPlan.objects.values_list("profile_id", flat=True)) == {profile.pk, other.pk}

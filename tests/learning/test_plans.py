"""Learning plans on a planted market: gaps, courses, enrolment and the learned skill."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import Course, CourseRecommendation, Enrollment, LearningPlan
from learning.services.enrollments import (
    enrollment_complete,
    enrollment_progress_set,
    enrollment_start,
    learner_settings_set,
)
from learning.services.plans import learning_plan_compute
from matching.selectors import gig_feed
from projects.models import FreelancerSkill, Skill

pytestmark = pytest.mark.django_db


def gap_names(plan: LearningPlan) -> list[str]:
    return [g.skill.name for g in plan.gaps.select_related("skill")]


def test_the_plan_names_the_gaps_with_their_reasons(planted_market):
    plan = learning_plan_compute(profile=planted_market["developer"])
    assert plan.matched_gigs == 7
    assert gap_names(plan) == ["Docker", "Kubernetes", "React"]
    docker = plan.gaps.get(skill__name="Docker")
    assert docker.asked_by == 4
    assert docker.reason.startswith("Asked for by 4 of your 7 best-matched open gigs")
    assert "demand +30% this quarter against the last" in docker.reason


def test_courses_cover_the_top_gaps_with_why(planted_market):
    plan = learning_plan_compute(profile=planted_market["developer"])
    recommendations = list(plan.recommendations.select_related("course"))
    assert recommendations
    covered = {s.name for r in recommendations for s in r.covers.all()}
    assert {"Docker", "Kubernetes"} <= covered
    first = recommendations[0]
    assert "of your top" in first.reason
    assert "free" in first.reason
    assert first.course.provider in first.reason


def test_computing_again_gives_the_same_plan(planted_market):
    profile = planted_market["developer"]
    first = learning_plan_compute(profile=profile)
    rows = (gap_names(first), list(first.recommendations.values_list("course_id", flat=True)))
    second = learning_plan_compute(profile=profile)
    assert second.pk == first.pk
    assert (
        gap_names(second),
        list(second.recommendations.values_list("course_id", flat=True)),
    ) == rows
    assert LearningPlan.objects.count() == 1


def test_free_only_and_level_preferences_filter_the_courses(planted_market):
    profile = planted_market["developer"]
    Course.objects.filter(pk__in=Course.objects.order_by("pk")[:5].values("pk")).update(
        is_free=False, price=30
    )
    learner_settings_set(profile=profile, free_only=True, level="beginner")
    courses = [r.course for r in profile.learning_plan.recommendations.select_related("course")]
    assert courses
    assert all(c.is_free for c in courses)
    assert all(c.level in ("beginner", "all") for c in courses)
    with pytest.raises(ValidationError):
        learner_settings_set(profile=profile, free_only=False, level="wizard")


def docker_course() -> Course:
    return Course.objects.filter(course_skills__skill__name="Docker").order_by("pk").first()


def test_enrolling_twice_is_one_enrolment_and_leaves_the_recommendations(planted_market):
    profile = planted_market["developer"]
    plan = learning_plan_compute(profile=profile)
    course = plan.recommendations.first().course
    enrollment_start(profile=profile, course=course)
    enrollment_start(profile=profile, course=course)
    assert Enrollment.objects.filter(profile=profile).count() == 1
    assert not CourseRecommendation.objects.filter(plan=plan, course=course).exists()
    hidden = Course.objects.exclude(pk=course.pk).first()
    hidden.is_hidden = True
    hidden.save()
    with pytest.raises(ValidationError, match="no longer offered"):
        enrollment_start(profile=profile, course=hidden)


def test_progress_is_a_percentage(planted_market):
    enrollment = enrollment_start(profile=planted_market["developer"], course=docker_course())
    assert enrollment_progress_set(enrollment=enrollment, progress=40).progress == 40
    for wrong in (140, -1, "abc"):
        with pytest.raises(ValidationError):
            enrollment_progress_set(enrollment=enrollment, progress=wrong)
    enrollment.refresh_from_db()
    assert enrollment.progress == 40


def test_completing_adds_learned_skills_and_changes_the_feed(planted_market):
    profile = planted_market["developer"]
    user = profile.user
    before = {m.gig_id: m.score for m in gig_feed(user=user).matches}
    course = docker_course()
    enrollment = enrollment_start(profile=profile, course=course)
    enrollment_complete(enrollment=enrollment)
    enrollment_complete(enrollment=enrollment)  # twice is once
    learned = FreelancerSkill.objects.get(profile=profile, skill__name="Docker")
    assert learned.source == FreelancerSkill.Source.LEARNED
    assert learned.level == 2
    assert FreelancerSkill.objects.filter(profile=profile, skill__name="Docker").count() == 1
    after = {m.gig_id: m.score for m in gig_feed(user=user).matches}
    docker_gigs = [pk for pk in after if "Docker" in Skill.objects.filter(
        projects__project_id=pk).values_list("name", flat=True)]  # fmt: skip
    assert docker_gigs
    assert all(after[pk] > before[pk] for pk in docker_gigs)
    assert Enrollment.objects.get(pk=enrollment.pk).status == Enrollment.Status.COMPLETED


def test_a_claimed_skill_becomes_learned_at_its_level_and_a_proven_one_stays(planted_market):
    profile = planted_market["developer"]
    course = docker_course()
    taught = list(course.skills.values_list("name", flat=True))
    FreelancerSkill.objects.create(profile=profile, skill=Skill.objects.get(name="Docker"), level=3)
    enrollment_complete(enrollment=enrollment_start(profile=profile, course=course))
    docker = FreelancerSkill.objects.get(profile=profile, skill__name="Docker")
    assert (docker.source, docker.level) == ("learned", 3)
    assert "Docker" in taught

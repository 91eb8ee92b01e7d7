"""Reads of the learning app that pages and the API share."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.models import FreelancerProfile

from .models import CourseRecommendation, Enrollment, LearnerSettings, LearningPlan, SkillGap


@dataclass
class LearningPath:
    plan: LearningPlan | None
    settings: LearnerSettings
    gaps: list[SkillGap] = field(default_factory=list)
    recommendations: list[CourseRecommendation] = field(default_factory=list)
    enrollments: list[Enrollment] = field(default_factory=list)

    @property
    def asked_gaps(self) -> list[SkillGap]:
        return [g for g in self.gaps if g.kind == SkillGap.Kind.ASKED]

    @property
    def path_gaps(self) -> list[SkillGap]:
        return [g for g in self.gaps if g.kind == SkillGap.Kind.PATH]

    @property
    def in_progress(self) -> list[Enrollment]:
        return [e for e in self.enrollments if not e.is_completed]

    @property
    def completed(self) -> list[Enrollment]:
        return [e for e in self.enrollments if e.is_completed]

    @property
    def own_decline_percent(self) -> int | None:
        if self.plan is None or self.plan.own_growth is None:
            return None
        return round(-100 * self.plan.own_growth)


def learner_settings(profile: FreelancerProfile) -> LearnerSettings:
    """The freelancer's course preferences, or the defaults (unsaved) if they set none."""
    return LearnerSettings.objects.filter(profile=profile).first() or LearnerSettings(
        profile=profile
    )


def learning_path(*, profile: FreelancerProfile) -> LearningPath:
    """Everything the learning path page shows, in a constant number of queries."""
    plan = (
        LearningPlan.objects.filter(profile=profile)
        .prefetch_related(
            Prefetch("gaps", SkillGap.objects.select_related("skill", "near")),
            Prefetch(
                "recommendations",
                CourseRecommendation.objects.select_related("course").prefetch_related("covers"),
            ),
        )
        .first()
    )
    settings = learner_settings(profile)
    enrollments = list(
        Enrollment.objects.filter(profile=profile)
        .select_related("course")
        .prefetch_related("course__skills")
    )
    return LearningPath(
        plan=plan,
        settings=settings,
        gaps=list(plan.gaps.all()) if plan else [],
        recommendations=list(plan.recommendations.all()) if plan else [],
        enrollments=enrollments,
    )


def enrollment_get_for_user(*, profile: FreelancerProfile, pk: int) -> Enrollment:
    """The freelancer's own enrolment; anyone else's answers 404."""
    return get_object_or_404(Enrollment.objects.select_related("course"), pk=pk, profile=profile)


def plan_profile_ids(*, active_since) -> list[int]:
    """Freelancers whose plan the nightly run recomputes: those with one, or seen since then."""
    profiles = FreelancerProfile.objects.filter(
        Q(learning_plan__isnull=False) | Q(user__last_login__gte=active_since)
    )
    return list(profiles.order_by("pk").values_list("pk", flat=True))

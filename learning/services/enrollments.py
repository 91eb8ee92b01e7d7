"""Taking courses: enrolling, reporting progress, completing, and the learned skills it brings.

Completing a course adds each skill it teaches (with a confidence of at least one half) to the
profile as *learned*: distinct from claimed and from proven by contracts, and shown so to
employers. A skill the freelancer only claimed becomes learned at the level they gave it; a
proven one stays proven; a new one starts at level 2 of 5. The profile's embedding and the
matches follow through matching's signals, and so does the learning plan (learning.signals).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import FreelancerProfile
from projects.models import FreelancerSkill
from projects.services.talent import MAX_SKILLS, freelancer_skill_add

from ..models import Course, CourseRecommendation, Enrollment, LearnerSettings
from .plans import learning_plan_compute

LEARNED_LEVEL = 2
MIN_CONFIDENCE = 0.5
HIDDEN_COURSE = "This course is no longer offered on Gigwise."


@transaction.atomic
def enrollment_start(*, profile: FreelancerProfile, course: Course) -> Enrollment:
    """Enrol in a course (again: the same enrolment comes back, never a second one)."""
    if course.is_hidden:
        raise ValidationError({"course": HIDDEN_COURSE})
    enrollment, _created = Enrollment.objects.get_or_create(profile=profile, course=course)
    # Taken courses are not recommended again.
    CourseRecommendation.objects.filter(plan__profile=profile, course=course).delete()
    return enrollment


@transaction.atomic
def enrollment_progress_set(*, enrollment: Enrollment, progress: int) -> Enrollment:
    """Record how far the freelancer is, 0 to 100 per cent; 100 completes the course."""
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        raise ValidationError(
            {"progress": "Give your progress as a whole number from 0 to 100."}
        ) from None
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": "Progress is a percentage: from 0 to 100."})
    if enrollment.is_completed:
        raise ValidationError({"progress": "This course is already completed."})
    if progress == 100:
        return enrollment_complete(enrollment=enrollment)
    enrollment.progress = progress
    enrollment.save(update_fields=["progress", "updated_at"])
    return enrollment


@transaction.atomic
def enrollment_complete(*, enrollment: Enrollment) -> Enrollment:
    """Mark the course completed and add the skills it teaches to the profile as learned."""
    locked = Enrollment.objects.select_for_update().select_related("profile").get(pk=enrollment.pk)
    if locked.is_completed:
        return locked  # twice is once: no second set of skills
    locked.status = Enrollment.Status.COMPLETED
    locked.progress = 100
    locked.completed_at = timezone.now()
    locked.save(update_fields=["status", "progress", "completed_at", "updated_at"])
    profile = locked.profile
    held = {
        row.skill_id: row
        for row in FreelancerSkill.objects.filter(profile=profile, skill__isnull=False)
    }
    room = MAX_SKILLS - FreelancerSkill.objects.filter(profile=profile).count()
    taught = locked.course.course_skills.filter(confidence__gte=MIN_CONFIDENCE).select_related(
        "skill"
    )
    for row in taught:
        current = held.get(row.skill_id)
        if current is None and room <= 0:
            continue
        if current is not None and current.source != FreelancerSkill.Source.CLAIMED:
            continue  # already learned or proven
        freelancer_skill_add(
            profile=profile,
            text=row.skill.name,
            skill=row.skill,
            level=current.level if current else LEARNED_LEVEL,
            years=current.years if current else 0,
            source=FreelancerSkill.Source.LEARNED,
        )
        room -= current is None
    # The new skills recompute the plan (learning.signals) once the embedding follows.
    return locked


def learner_settings_set(
    *, profile: FreelancerProfile, free_only: bool, level: str
) -> LearnerSettings:
    """The freelancer's course budget (free only or any) and level; the plan follows."""
    if level not in LearnerSettings.WantedLevel.values:
        raise ValidationError({"level": "Choose a level from the list."})
    settings, _ = LearnerSettings.objects.update_or_create(
        profile=profile, defaults={"free_only": bool(free_only), "level": level}
    )
    learning_plan_compute(profile=profile)
    return settings

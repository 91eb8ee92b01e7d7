"""Computing a freelancer's learning plan: skill gaps with their reasons, and courses for them.

`learning_plan_compute` reads the freelancer's best-matched open gigs (matching's feed), their
skills, the market (insights) and related skills, ranks the gaps (`learning/gaps.py`) and the
courses (`learning/recommend.py`), and replaces the stored plan in one transaction, so a second
run gives the same rows and a reader never sees half a plan.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import FreelancerProfile
from insights.models import SkillMarket
from matching.features import gigs_load
from matching.models import SkillRelation
from matching.selectors import gig_feed
from projects.models import FreelancerSkill, Skill
from projects.money import money_format

from ..gaps import Gap, GapInputs, Market, NearGig, own_growth, skill_gaps
from ..models import (
    CourseRecommendation,
    CourseSkill,
    LearningPlan,
    SkillGap,
)
from ..recommend import TOP_GAPS, CourseOption, Pick, recommend
from ..selectors import learner_settings, plan_profile_ids

NEAR_GIGS = 40
NO_GIGS = (
    "No open gig fits your profile closely enough yet to read gaps from. Add your skills and "
    "a headline, or come back when more projects are open."
)


def _near_gigs(profile: FreelancerProfile) -> tuple[list[NearGig], str]:
    feed = gig_feed(user=profile.user, limit=NEAR_GIGS)
    if not feed.matches:
        return [], feed.empty_reason or NO_GIGS
    gigs = gigs_load([m.gig_id for m in feed.matches])
    return [
        NearGig(m.score, gigs[m.gig_id].required_ids, gigs[m.gig_id].nice_ids)
        for m in feed.matches
        if m.gig_id in gigs
    ], ""


def _related(own: set[int]) -> dict[int, dict[int, float]]:
    """Strengths between the freelancer's skills and any other, both ways (one query)."""
    related: dict[int, dict[int, float]] = {}
    rows = SkillRelation.objects.filter(skill_id__in=own).values_list(
        "skill_id", "related_id", "strength"
    )
    for skill_id, other, strength in rows:
        related.setdefault(other, {})[skill_id] = strength
        related.setdefault(skill_id, {})[other] = strength
    return related


def _markets(skill_ids: set[int]) -> dict[int, Market]:
    rows = SkillMarket.objects.filter(skill_id__in=skill_ids).values_list(
        "skill_id", "growth", "open_projects", "projects_recent", "projects_year"
    )
    return {s: Market(g, o, r, y) for s, g, o, r, y in rows}


def _percent(value: float) -> str:
    return f"{value:+.0%}".replace("-", "\u2212")


def gap_reason(gap: Gap, *, names: dict[int, str], gigs: int) -> str:
    parts = []
    if gap.kind == "asked":
        parts.append(f"asked for by {gap.asked_by} of your {gigs} best-matched open gigs")
        if gap.held_level is not None:
            parts.append(f"you hold it at level {gap.held_level} of 5")
    if gap.growth is not None:
        parts.append(f"demand {_percent(gap.growth)} this quarter against the last")
    if gap.kind == "path" and gap.open_projects:
        parts.append(f"{gap.open_projects} open projects ask for it")
    if gap.near_id is not None:
        parts.append(f"often asked for together with {names[gap.near_id]}, which you have")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def course_reason(pick: Pick, course, *, names: dict[int, str], top: int) -> str:
    covered = [names[s] for s in pick.covers]
    if len(covered) == 1:
        what = f"covers {covered[0]}, one of your top gaps"
    else:
        shown = ", ".join(covered[:-1]) + f" and {covered[-1]}"
        what = f"covers {shown}, {len(covered)} of your top {top} gaps"
    parts = [what]
    if course.hours:
        parts.append(f"{course.hours.normalize():f} hours")
    parts.append("free" if course.is_free else money_format(course.price, course.currency))
    parts.append(course.provider)
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _course_options(profile: FreelancerProfile, skill_ids: set[int]) -> tuple[list, dict]:
    rows = (
        CourseSkill.objects.filter(skill_id__in=skill_ids, course__is_hidden=False)
        .exclude(course__enrollments__profile=profile)
        .select_related("course")
    )
    courses, skills = {}, {}
    for row in rows:
        courses[row.course_id] = row.course
        skills.setdefault(row.course_id, {})[row.skill_id] = row.confidence
    options = [
        CourseOption(
            id=pk,
            skills=skills[pk],
            level=course.level,
            is_free=course.is_free,
            rating=float(course.rating) if course.rating is not None else None,
            learners=course.learners,
        )
        for pk, course in courses.items()
    ]
    return options, courses


@transaction.atomic
def learning_plan_compute(*, profile: FreelancerProfile) -> LearningPlan:
    """Recompute and store the freelancer's gaps and recommended courses (replacing the last)."""
    gigs, empty_reason = _near_gigs(profile)
    levels = dict(
        FreelancerSkill.objects.filter(profile=profile, skill__isnull=False).values_list(
            "skill_id", "level"
        )
    )
    related = _related(set(levels))
    asked = {s for gig in gigs for s in gig.required | gig.nice}
    markets = _markets(asked | set(levels) | set(related))
    gaps = skill_gaps(GapInputs(gigs=gigs, levels=levels, markets=markets, related=related))
    growth = own_growth(levels, markets)
    settings = learner_settings(profile)
    options, courses = _course_options(profile, {g.skill_id for g in gaps})
    picks = recommend(
        {g.skill_id: g.score for g in gaps},
        options,
        free_only=settings.free_only,
        level=settings.level,
    )
    names = dict(
        Skill.objects.filter(
            pk__in={g.skill_id for g in gaps} | {g.near_id for g in gaps if g.near_id}
        ).values_list("pk", "name")
    )
    plan, _ = LearningPlan.objects.update_or_create(
        profile=profile,
        defaults={
            "computed_at": timezone.now(),
            "matched_gigs": len(gigs),
            "own_growth": growth,
            "shrinking": any(g.kind == "path" for g in gaps),
            "empty_reason": "" if gaps else (empty_reason or NO_GIGS),
        },
    )
    plan.gaps.all().delete()
    plan.recommendations.all().delete()
    SkillGap.objects.bulk_create(
        SkillGap(
            plan=plan,
            skill_id=gap.skill_id,
            kind=gap.kind,
            rank=rank,
            score=gap.score,
            asked_by=gap.asked_by,
            held_level=gap.held_level,
            growth=gap.growth,
            open_projects=gap.open_projects,
            near_id=gap.near_id,
            closeness=gap.closeness,
            reason=gap_reason(gap, names=names, gigs=len(gigs)),
        )
        for rank, gap in enumerate(gaps, start=1)
    )
    top = min(TOP_GAPS, len(gaps))
    recommendations = CourseRecommendation.objects.bulk_create(
        CourseRecommendation(
            plan=plan,
            course_id=pick.course_id,
            rank=rank,
            score=pick.score,
            reason=course_reason(pick, courses[pick.course_id], names=names, top=top),
        )
        for rank, pick in enumerate(picks, start=1)
    )
    through = CourseRecommendation.covers.through
    through.objects.bulk_create(
        through(courserecommendation_id=rec.pk, skill_id=skill)
        for rec, pick in zip(recommendations, picks, strict=True)
        for skill in pick.covers
    )
    return plan


def learning_plan_ensure(*, profile: FreelancerProfile) -> None:
    """Compute the freelancer's plan if they have none yet (their first visit, page or API)."""
    if not LearningPlan.objects.filter(profile=profile).exists():
        learning_plan_compute(profile=profile)


def learning_plans_recompute(*, active_since=None, profile_ids=None) -> int:
    """Recompute the plans of freelancers with one or seen since `active_since` (or the given
    ones); returns how many. Each plan is its own transaction, so a failure loses one."""
    profiles = FreelancerProfile.objects.select_related("user")
    if profile_ids is None and active_since is not None:
        profile_ids = plan_profile_ids(active_since=active_since)
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=profile_ids)
    count = 0
    for profile in profiles.order_by("pk").iterator(chunk_size=200):
        learning_plan_compute(profile=profile)
        count += 1
    return count

"""How useful the learning plans are, measured on the marketplace's own freelancers.

For each freelancer, the production plan is computed (inside a transaction the command rolls
back), and three things are measured:

- coverage: the share of their top 5 gaps that the top 10 recommended courses teach;
- diversity: how many distinct gap skills those courses cover, and the most courses given to
  any one skill;
- gain: how many more open gigs they would match if they closed their top 3 gaps, by ranking
  every open gig with matching's scorer twice, with and without those skills (a match counts
  from the score the feed shows it at, and "strong" from 0.6).
"""

import time
from dataclasses import dataclass, replace

import numpy as np

from accounts.models import FreelancerProfile
from matching.features import gigs_load, talents_load
from matching.ranking import Semantic, rank_gigs
from matching.selectors import MIN_SHOWN_SCORE
from matching.weights import active_weights
from projects.models import Project

from .models import LearningPlan
from .services.plans import learning_plan_compute

TOP_GAPS, TOP_COURSES, CLOSED_GAPS = 5, 10, 3
STRONG = 0.6


@dataclass
class PlanFigures:
    gaps: int
    covered: float | None
    distinct: int
    most_on_one: int
    shown_before: int
    shown_after: int
    strong_before: int
    strong_after: int


def _counts(matches) -> tuple[int, int]:
    return (
        sum(m.score >= MIN_SHOWN_SCORE for m in matches),
        sum(m.score >= STRONG for m in matches),
    )


def plan_figures(plan: LearningPlan, talent, gigs, semantic, weights) -> PlanFigures:
    gaps = [g.skill_id for g in plan.gaps.all()]
    top = set(gaps[:TOP_GAPS])
    recommendations = list(plan.recommendations.prefetch_related("covers")[:TOP_COURSES])
    per_skill: dict[int, int] = {}
    for rec in recommendations:
        for skill in rec.covers.all():
            per_skill[skill.pk] = per_skill.get(skill.pk, 0) + 1
    own = {pk: gig for pk, gig in gigs.items() if gig.employer_id != talent.user_id}
    before = _counts(rank_gigs(talent, own, semantic=semantic, weights=weights))
    closed = replace(talent, skill_ids=talent.skill_ids | frozenset(gaps[:CLOSED_GAPS]))
    after = _counts(rank_gigs(closed, own, semantic=semantic, weights=weights))
    return PlanFigures(
        gaps=len(gaps),
        covered=len(top & set(per_skill)) / len(top) if top else None,
        distinct=len(per_skill),
        most_on_one=max(per_skill.values(), default=0),
        shown_before=before[0],
        shown_after=after[0],
        strong_before=before[1],
        strong_after=after[1],
    )


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(float(np.mean(values)), 4) if values else None


def evaluate_plans(*, profiles: list[FreelancerProfile]) -> dict:
    """Compute each freelancer's plan and measure it; the caller rolls the writes back."""
    started = time.perf_counter()
    semantic, weights = Semantic.current(), active_weights()
    open_ids = list(Project.objects.visible().values_list("pk", flat=True))
    gigs = gigs_load(open_ids)
    talents = talents_load([p.pk for p in profiles])
    figures = []
    for profile in profiles:
        plan = learning_plan_compute(profile=profile)
        if profile.pk in talents:
            figures.append(plan_figures(plan, talents[profile.pk], gigs, semantic, weights))
    with_gaps = [f for f in figures if f.gaps]
    return {
        "freelancers": len(figures),
        "with_gaps": len(with_gaps),
        "open_gigs": len(gigs),
        "top5_gap_coverage": _mean(f.covered for f in with_gaps),
        "distinct_skills_covered": _mean(f.distinct for f in with_gaps),
        "most_courses_on_one_skill": max((f.most_on_one for f in with_gaps), default=0),
        "matched_gigs_before": _mean(f.shown_before for f in with_gaps),
        "matched_gigs_after": _mean(f.shown_after for f in with_gaps),
        "strong_matches_before": _mean(f.strong_before for f in with_gaps),
        "strong_matches_after": _mean(f.strong_after for f in with_gaps),
        "seconds": round(time.perf_counter() - started, 2),
    }

"""Course recommendations for a freelancer's top gaps, re-ranked for diversity.

A course's relevance is the weight of the top gaps it teaches (each gap's weight is its score
relative to the top one, times the course's confidence that it teaches the skill), with a small
nudge for well-rated courses. The list is then built greedily by maximal marginal relevance:
each next course maximises

    lambda * relevance - (1 - lambda) * (largest share of its gaps a chosen course covers)

so a second course on the same skill must be clearly better to come before a course on another
gap, and no gap gets more than two courses. Filters come first: hidden courses, courses the
freelancer has already taken, paid ones for someone who wants free only, and courses at another
level than the one they asked for (courses "for all levels" always fit).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

LAMBDA = 0.7
PER_GAP = 2
TOP_GAPS = 5
LIMIT = 10
RATING_NUDGE = 0.05


@dataclass(frozen=True)
class CourseOption:
    id: int
    skills: Mapping[int, float]  # skill id -> confidence it teaches it
    level: str
    is_free: bool
    rating: float | None = None
    learners: int | None = None


@dataclass(frozen=True)
class Pick:
    course_id: int
    score: float
    covers: tuple[int, ...]  # the top gaps it teaches, strongest first


def fits(course: CourseOption, *, free_only: bool, level: str) -> bool:
    if free_only and not course.is_free:
        return False
    return level == "any" or course.level in (level, "all")


def _relevance(course: CourseOption, weights: Mapping[int, float]) -> tuple[float, tuple]:
    covered = sorted(
        (s for s in course.skills if s in weights), key=lambda s: -weights[s] * course.skills[s]
    )
    value = sum(weights[s] * course.skills[s] for s in covered)
    if value and course.rating:
        popularity = math.log10(1 + (course.learners or 0)) / 6
        value += RATING_NUDGE * (course.rating / 5) * min(1.0, 0.5 + popularity)
    return value, tuple(covered)


def recommend(
    gaps: Mapping[int, float],
    courses: list[CourseOption],
    *,
    free_only: bool = False,
    level: str = "any",
    limit: int = LIMIT,
) -> list[Pick]:
    """Up to `limit` courses for the top gaps (`gaps`: skill id -> gap score), diverse first."""
    top = dict(sorted(gaps.items(), key=lambda item: -item[1])[:TOP_GAPS])
    if not top:
        return []
    best_gap = max(top.values()) or 1.0
    weights = {skill: score / best_gap for skill, score in top.items()}
    scored = {}
    for course in courses:
        if not fits(course, free_only=free_only, level=level):
            continue
        value, covered = _relevance(course, weights)
        if covered:
            scored[course.id] = (value, covered)
    if not scored:
        return []
    highest = max(value for value, _ in scored.values())
    chosen: list[Pick] = []
    per_gap: dict[int, int] = {}
    while scored and len(chosen) < limit:
        best_id, best_value = None, -math.inf
        for course_id, (value, covered) in scored.items():
            if any(per_gap.get(s, 0) >= PER_GAP for s in covered):
                continue
            overlap = max(
                (len(set(covered) & set(p.covers)) / len(covered) for p in chosen), default=0.0
            )
            mmr = LAMBDA * value / highest - (1 - LAMBDA) * overlap
            if mmr > best_value or (mmr == best_value and course_id < best_id):
                best_id, best_value = course_id, mmr
        if best_id is None:
            break
        value, covered = scored.pop(best_id)
        chosen.append(Pick(best_id, round(value, 4), covered))
        for skill in covered:
            per_gap[skill] = per_gap.get(skill, 0) + 1
    return chosen

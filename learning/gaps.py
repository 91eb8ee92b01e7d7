"""Skill gaps: what the gigs a freelancer nearly matches ask for and they lack, and where to go.

Pure computation over what `services/plans.py` reads: the freelancer's best-matched open gigs
(matching's feed), their own skills and levels, each skill's market (insights: demand growth
this quarter against the last, open projects) and how often skills are named together (matching's
related skills).

A skill's gap score is the share of those gigs asking for it (a required skill counts fully, a
nice-to-have one half, each gig weighted by how well it fits), times its demand trend, times how
close it is to what the freelancer knows:

    score = asked share * (1 + growth / 2) * (0.6 + 0.4 * closeness),  growth clipped to -50%..+100%

A skill held at a low level (1 or 2 of 5) counts half. When the freelancer's own skills are losing
demand, growing skills next to theirs are added as a path even if no near gig asks for them yet:
a way out of shrinking work, not only more of the same.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NICE_TO_HAVE = 0.5
LOW_LEVEL = 2
LOW_LEVEL_FACTOR = 0.5
MAX_ASKED = 10
MAX_PATH = 3
SHRINKING = -0.10  # own skills' demand growth at or below this: show a path
PATH_MIN_GROWTH = 0.10
PATH_MIN_PROJECTS = 3  # projects in the recent quarter, so a path is not built on noise
PATH_MIN_CLOSENESS = 0.2


@dataclass(frozen=True)
class NearGig:
    """One best-matched open gig: its fit and the skills it asks for."""

    score: float
    required: frozenset[int]
    nice: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Market:
    growth: float
    open_projects: int
    projects_recent: int
    projects_year: int


@dataclass(frozen=True)
class Gap:
    skill_id: int
    kind: str  # "asked" or "path"
    score: float
    asked_by: int = 0
    held_level: int | None = None
    growth: float | None = None
    open_projects: int = 0
    near_id: int | None = None  # the freelancer's skill it is most often named with
    closeness: float = 0.0


@dataclass
class GapInputs:
    gigs: list[NearGig]
    levels: Mapping[int, int]  # the freelancer's skills: skill id -> level 1..5
    markets: Mapping[int, Market] = field(default_factory=dict)
    # skill id -> {related skill id: strength 0..1}, for every skill involved
    related: Mapping[int, Mapping[int, float]] = field(default_factory=dict)


def _growth(market: Market | None) -> float:
    return min(max(market.growth, -0.5), 1.0) if market else 0.0


def closest(skill_id: int, own: Iterable[int], related: Mapping) -> tuple[int | None, float]:
    """The freelancer's skill most often named with `skill_id`, and how strongly."""
    links = related.get(skill_id, {})
    best = max(((links.get(o, 0.0), o) for o in own), default=(0.0, None))
    return (best[1], best[0]) if best[0] > 0 else (None, 0.0)


def own_growth(levels: Mapping[int, int], markets: Mapping[int, Market]) -> float | None:
    """Demand growth of the freelancer's skills, each weighted by its year's projects."""
    known = [(markets[s].projects_year, markets[s].growth) for s in levels if s in markets]
    total = sum(weight for weight, _ in known)
    return sum(w * g for w, g in known) / total if total else None


def asked_gaps(inputs: GapInputs) -> list[Gap]:
    """Skills the near gigs ask for that the freelancer lacks or holds at a low level."""
    if not inputs.gigs:
        return []
    weight: dict[int, float] = {}
    count: dict[int, int] = {}
    for gig in inputs.gigs:
        asks = dict.fromkeys(gig.nice - gig.required, NICE_TO_HAVE) | dict.fromkeys(
            gig.required, 1.0
        )
        for skill_id, share in asks.items():
            level = inputs.levels.get(skill_id)
            if level is not None and level > LOW_LEVEL:
                continue
            weight[skill_id] = weight.get(skill_id, 0.0) + share * gig.score
            count[skill_id] = count.get(skill_id, 0) + 1
    total = sum(gig.score for gig in inputs.gigs) or 1.0
    gaps = []
    for skill_id, asked in weight.items():
        market = inputs.markets.get(skill_id)
        near, closeness = closest(skill_id, inputs.levels, inputs.related)
        held = inputs.levels.get(skill_id)
        score = (asked / total) * (1 + 0.5 * _growth(market)) * (0.6 + 0.4 * closeness)
        if held is not None:
            score *= LOW_LEVEL_FACTOR
        gaps.append(
            Gap(
                skill_id=skill_id,
                kind="asked",
                score=round(score, 4),
                asked_by=count[skill_id],
                held_level=held,
                growth=market.growth if market else None,
                open_projects=market.open_projects if market else 0,
                near_id=near,
                closeness=round(closeness, 3),
            )
        )
    gaps.sort(key=lambda g: (-g.score, -g.asked_by, g.skill_id))
    return gaps[:MAX_ASKED]


def path_gaps(inputs: GapInputs, *, exclude: set[int]) -> list[Gap]:
    """Growing skills next to the freelancer's, when demand for their own is falling."""
    growth = own_growth(inputs.levels, inputs.markets)
    if growth is None or growth > SHRINKING:
        return []
    candidates = set()
    for own in inputs.levels:
        candidates |= set(inputs.related.get(own, {}))
    gaps = []
    for skill_id in candidates - set(inputs.levels) - exclude:
        market = inputs.markets.get(skill_id)
        if market is None or market.growth < PATH_MIN_GROWTH:
            continue
        if market.projects_recent < PATH_MIN_PROJECTS:
            continue
        near, closeness = closest(skill_id, inputs.levels, inputs.related)
        if closeness < PATH_MIN_CLOSENESS:
            continue
        score = closeness * (1 + 0.5 * _growth(market)) * 0.5
        gaps.append(
            Gap(
                skill_id=skill_id,
                kind="path",
                score=round(score, 4),
                growth=market.growth,
                open_projects=market.open_projects,
                near_id=near,
                closeness=round(closeness, 3),
            )
        )
    gaps.sort(key=lambda g: (-g.score, g.skill_id))
    return gaps[:MAX_PATH]


def skill_gaps(inputs: GapInputs) -> list[Gap]:
    """The asked-for gaps, then the path ones (if the freelancer's work is shrinking)."""
    asked = asked_gaps(inputs)
    return asked + path_gaps(inputs, exclude={g.skill_id for g in asked})

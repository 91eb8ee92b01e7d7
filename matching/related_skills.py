"""Related skills: how often two skills are named together in projects and profiles.

"Unity" on a profile is not "Unreal Engine" on a project, but people who do one often do the
other, and projects asking for one often ask for the other. Co-occurrence measures that from
the marketplace's own skill lists, with no hand-made list to go stale.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

# A pair must be named together at least this often, so one odd profile links nothing.
MIN_TOGETHER = 2
MIN_STRENGTH = 0.5
PER_SKILL = 12  # the strongest relations kept for each skill


def co_occurrence(
    baskets: Iterable[Iterable[int]],
    *,
    min_together: int = MIN_TOGETHER,
    min_strength: float = MIN_STRENGTH,
    per_skill: int = PER_SKILL,
) -> dict[int, dict[int, tuple[float, int]]]:
    """{skill: {related skill: (Ochiai strength, lists naming both)}}, in both directions."""
    alone: Counter = Counter()
    together: Counter = Counter()
    for basket in baskets:
        skills = sorted(set(basket))
        alone.update(skills)
        together.update(combinations(skills, 2))
    related: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for (a, b), both in together.items():
        if both < min_together:
            continue
        strength = both / math.sqrt(alone[a] * alone[b])
        if strength >= min_strength:
            related[a][b] = related[b][a] = (round(strength, 4), both)
    return {
        skill: dict(sorted(others.items(), key=lambda kv: (-kv[1][0], kv[0]))[:per_skill])
        for skill, others in related.items()
    }

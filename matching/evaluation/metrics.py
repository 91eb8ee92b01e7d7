"""Ranking metrics for graded judgments (3 ideal, 2 good, 1 partial, absent 0).

Conventions, so that a score means the same thing on every file:

- A ranking is a list of ids, best first; rank counts from 1. An id repeated later in a
  ranking is ignored, so a ranker cannot earn gain twice for one item.
- nDCG uses gain 2^rel - 1 and a log2(rank + 1) discount; the ideal ordering is every judged
  item sorted by label, cut at k. When that ideal DCG is 0 (nothing judged, or only zeros) nDCG
  is 0.0 rather than undefined, and `summarise` still averages such a query if it has any
  judgment: a query the file judged counts, it just cannot be won.
- Recall and reciprocal rank only mean something when a query has a relevant (rel ≥ 2) item;
  they return None otherwise and `summarise` leaves those queries out of their means.
- A query that was judged but got no ranking scores as an empty ranking (zeros), so a ranker
  that skips queries is not rewarded for it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

RELEVANT = 2
NEW_MAX_COMPLETED_JOBS = 2
NEW_MAX_DAYS = 90  # exclusive: joined fewer than this many days ago


def _positions(ranking: Sequence[str]) -> dict[str, int]:
    """Map each id to its first rank (from 1)."""
    positions: dict[str, int] = {}
    for rank, item in enumerate(ranking, start=1):
        positions.setdefault(item, rank)
    return positions


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def _discount(rank: int) -> float:
    return 1.0 / math.log2(rank + 1)


def _gain(rel: int) -> float:
    return 2.0**rel - 1.0


def ndcg_at_k(ranking: Sequence[str], qrels: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with gain 2^rel - 1; 0.0 when the judgments give an ideal DCG of 0."""
    _check_k(k)
    dcg = sum(
        _gain(qrels.get(item, 0)) * _discount(rank)
        for item, rank in _positions(ranking).items()
        if rank <= k
    )
    ideal = sorted(qrels.values(), reverse=True)[:k]
    idcg = sum(_gain(rel) * _discount(rank) for rank, rel in enumerate(ideal, start=1))
    if idcg <= 0:
        return 0.0
    return dcg / idcg


def _relevant(qrels: Mapping[str, int], min_rel: int) -> set[str]:
    return {item for item, rel in qrels.items() if rel >= min_rel}


def recall_at_k(
    ranking: Sequence[str], qrels: Mapping[str, int], k: int = 10, min_rel: int = RELEVANT
) -> float | None:
    """Share of the items with rel ≥ min_rel in the top k; None when the query has none."""
    _check_k(k)
    relevant = _relevant(qrels, min_rel)
    if not relevant:
        return None
    found = {item for item, rank in _positions(ranking).items() if rank <= k}
    return len(relevant & found) / len(relevant)


def reciprocal_rank(
    ranking: Sequence[str], qrels: Mapping[str, int], min_rel: int = RELEVANT
) -> float | None:
    """1/rank of the first item with rel ≥ min_rel; 0.0 if absent, None if none is judged."""
    relevant = _relevant(qrels, min_rel)
    if not relevant:
        return None
    for rank, item in enumerate(ranking, start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def exposure_ratio_new(
    rankings: Mapping[str, Sequence[str]],
    qrels_by_query: Mapping[str, Mapping[str, int]],
    is_new: Callable[[str], bool],
    k: int = 10,
    min_rel: int = RELEVANT,
) -> float | None:
    """Mean top-k exposure of relevant new items over that of relevant established ones."""
    _check_k(k)
    new: list[float] = []
    established: list[float] = []
    for query, qrels in qrels_by_query.items():
        positions = _positions(rankings.get(query, ()))
        for item in _relevant(qrels, min_rel):
            rank = positions.get(item)
            exposure = _discount(rank) if rank is not None and rank <= k else 0.0
            (new if is_new(item) else established).append(exposure)
    if not new or not established:
        return None
    established_mean = sum(established) / len(established)
    if established_mean == 0:
        return None
    return (sum(new) / len(new)) / established_mean


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def summarise(
    rankings: Mapping[str, Sequence[str]],
    qrels_by_query: Mapping[str, Mapping[str, int]],
    is_new: Callable[[str], bool] | None = None,
    k: int = 10,
) -> dict[str, Any]:
    """Mean nDCG@k, recall@k, MRR and new-freelancer exposure ratio over the judged queries."""
    _check_k(k)
    judged = {query: qrels for query, qrels in qrels_by_query.items() if qrels}
    ndcgs: list[float] = []
    recalls: list[float] = []
    rrs: list[float] = []
    for query, qrels in judged.items():
        ranking = rankings.get(query, ())
        ndcgs.append(ndcg_at_k(ranking, qrels, k))
        recall = recall_at_k(ranking, qrels, k)
        if recall is not None:
            recalls.append(recall)
        rr = reciprocal_rank(ranking, qrels)
        if rr is not None:
            rrs.append(rr)
    exposure = None
    if is_new is not None:
        ratio = exposure_ratio_new(rankings, judged, is_new, k)
        exposure = None if ratio is None else round(ratio, 4)
    return {
        f"ndcg@{k}": _mean(ndcgs),
        f"recall@{k}": _mean(recalls),
        "mrr": _mean(rrs),
        "exposure_ratio_new": exposure,
        "queries": len(judged),
    }


def invert_qrels(qrels: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Read {project: {freelancer: rel}} backwards as {freelancer: {project: rel}}."""
    inverted: dict[str, dict[str, int]] = {}
    for project, judgments in qrels.items():
        for freelancer, rel in judgments.items():
            inverted.setdefault(freelancer, {})[project] = rel
    return inverted


def _as_number(value: Any) -> float | None:
    # A hand-made file may hold "3" or null; anything unreadable counts as unknown, not as 0.
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def is_new_freelancer(record: Mapping[str, Any]) -> bool:
    """New means at most 2 completed jobs and joined under 90 days ago; unknown means not new."""
    jobs = _as_number(record.get("completed_jobs"))
    days = _as_number(record.get("joined_days_ago"))
    if jobs is None or days is None:
        return False
    return jobs <= NEW_MAX_COMPLETED_JOBS and days < NEW_MAX_DAYS

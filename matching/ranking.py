"""The pipeline both directions share: candidates, then the scorer, then the order shown.

Candidates are the nearest vectors (cosine top-k) together with everyone sharing a skill
through the taxonomy, so a profile written in few words is not lost to one written well. Their
similarity to the query is corrected for hubness (a text close to everybody does not top every
list), then the scorer re-ranks them; the newcomer boost is part of the score. Production and
the evaluation command call the same two functions.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from .encoder import installed_model_version
from .features import Gig, Talent
from .index import VectorIndex, vector_index
from .keywords import keyword_similarities
from .models import Embedding
from .scoring import Match, score
from .weights import Weights

CANDIDATES = 300
# The similarity assumed for an object whose embedding is still being computed: about what two
# texts from neighbouring kinds of work score, so it is neither hidden nor favoured meanwhile.
PENDING_SIMILARITY = 0.3
# How much of a candidate's head start as a hub is taken away (1.0 would be all of it); 0.75
# measured best on eval/matching_dev.json in both directions (docs/MATCHING.md).
HUB_DISCOUNT = 0.75


@dataclass
class Semantic:
    """The encoder's view of things for one ranking: version None means taxonomy only.

    It refreshes each kind's index once and keeps it, so a ranking that looks up vectors
    several times checks the stored embeddings once per kind, not once per lookup.
    """

    version: str | None
    # Whom each kind's population is, when not everyone stored (the evaluation's own world).
    scope: dict[str, Iterable[int]] | None = None
    _indexes: dict[str, VectorIndex] = field(default_factory=dict, repr=False)
    _centroids: dict[str, np.ndarray | None] = field(default_factory=dict, repr=False)

    @classmethod
    def current(cls) -> "Semantic":
        return cls(version=installed_model_version())

    @property
    def available(self) -> bool:
        return self.version is not None

    def index(self, kind: str) -> VectorIndex:
        if kind not in self._indexes:
            self._indexes[kind] = vector_index(kind, self.version)
        return self._indexes[kind]

    def centroid(self, kind: str) -> np.ndarray | None:
        """The average vector of the kind's population (everyone stored, or the scope)."""
        if kind not in self._centroids:
            index = self.index(kind)
            if self.scope and kind in self.scope:
                rows = [index.vector(pk) for pk in self.scope[kind]]
                rows = [row for row in rows if row is not None]
                self._centroids[kind] = np.mean(rows, axis=0) if rows else None
            else:
                self._centroids[kind] = index.centroid
        return self._centroids[kind]


def _order(matches: Iterable[Match], limit: int | None) -> list[Match]:
    ordered = sorted(matches, key=lambda m: (-m.score, m.talent_id, m.gig_id))
    return ordered[:limit] if limit else ordered


def nearest(kind: str, query: np.ndarray | None, semantic: Semantic, k: int) -> list[int]:
    if not semantic.available or query is None:
        return []
    return [pk for pk, _ in semantic.index(kind).search(query, k)]


def nearest_among(
    kind: str, query: np.ndarray | None, semantic: Semantic, ids: set[int], k: int
) -> list[int]:
    """The k of `ids` nearest to `query`: filtering first, so none of the k is wasted."""
    if not semantic.available or query is None:
        return []
    similarity = semantic.index(kind).similarities(query, ids)
    return sorted(similarity, key=lambda pk: (-similarity[pk], pk))[:k]


def vector_of(kind: str, object_id: int, semantic: Semantic) -> np.ndarray | None:
    if not semantic.available:
        return None
    return semantic.index(kind).vector(object_id)


def _hub_discounts(query_kind: str, candidate_kind: str, ids, semantic: Semantic) -> dict:
    """How much more than a typical candidate each one resembles the query's whole population.

    Some texts (a project written in generic terms) sit close to everyone's profile and would
    top every feed; CSLS-style hubness reduction subtracts each candidate's resemblance to
    the average member of the other side, measured against the average candidate's, so the
    typical candidate keeps its similarity and a hub loses its head start.
    """
    population, typical_candidate = semantic.centroid(query_kind), semantic.centroid(candidate_kind)
    if population is None or typical_candidate is None:
        return {}
    typical = float(typical_candidate @ population)
    resemblance = semantic.index(candidate_kind).similarities(population, ids)
    return {pk: s - typical for pk, s in resemblance.items()}


def _similarities(
    query_kind: str,
    query_id: int,
    candidate_kind: str,
    ids,
    semantic: Semantic,
) -> dict[int, float | None]:
    """Each candidate's cosine to the query, or None for all when the query has no vector."""
    query = vector_of(query_kind, query_id, semantic)
    if query is None:
        return dict.fromkeys(ids)
    known = semantic.index(candidate_kind).similarities(query, ids)
    hubs = _hub_discounts(query_kind, candidate_kind, known.keys(), semantic)
    known = {pk: s - HUB_DISCOUNT * hubs.get(pk, 0.0) for pk, s in known.items()}
    return {pk: known.get(pk, PENDING_SIMILARITY) for pk in ids}


def _rank(
    candidates: dict[int, Gig] | dict[int, Talent],
    *,
    pair,
    query: tuple[str, int, str],
    candidate_kind: str,
    semantic: Semantic,
    weights: Weights,
    boost_newcomers: bool,
    limit: int | None,
) -> list[Match]:
    """Score each candidate against the query; `pair(candidate)` gives (gig, talent)."""
    query_kind, query_id, query_text = query
    similarity = _similarities(query_kind, query_id, candidate_kind, candidates.keys(), semantic)
    overlap = keyword_similarities(query_text, {pk: c.text for pk, c in candidates.items()})
    matches = (
        score(
            *pair(candidate),
            similarity=similarity[pk],
            keywords=overlap[pk],
            weights=weights,
            boost_newcomers=boost_newcomers,
        )
        for pk, candidate in candidates.items()
    )
    return _order(matches, limit)


def rank_talent(
    gig: Gig,
    talents: dict[int, Talent],
    *,
    semantic: Semantic,
    weights: Weights,
    boost_newcomers: bool = True,
    limit: int | None = None,
) -> list[Match]:
    """Score every talent given against the gig, best first."""
    return _rank(
        talents,
        pair=lambda talent: (gig, talent),
        query=(Embedding.Kind.PROJECT, gig.id, gig.text),
        candidate_kind=Embedding.Kind.FREELANCER,
        semantic=semantic,
        weights=weights,
        boost_newcomers=boost_newcomers,
        limit=limit,
    )


def rank_gigs(
    talent: Talent,
    gigs: dict[int, Gig],
    *,
    semantic: Semantic,
    weights: Weights,
    limit: int | None = None,
) -> list[Match]:
    """Score every gig given for the talent, best first (no newcomer boost: it ranks people)."""
    return _rank(
        gigs,
        pair=lambda gig: (gig, talent),
        query=(Embedding.Kind.FREELANCER, talent.id, talent.text),
        candidate_kind=Embedding.Kind.PROJECT,
        semantic=semantic,
        weights=weights,
        boost_newcomers=False,
        limit=limit,
    )

"""The pipeline both directions share: candidates, then the scorer, then the order shown.

Candidates are the nearest vectors (cosine top-k) together with everyone sharing a skill
through the taxonomy, so a profile written in few words is not lost to one written well. The
scorer re-ranks them; the newcomer boost is part of the score. Production and the evaluation
command call the same two functions.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .encoder import installed_model_version
from .features import Gig, Talent
from .index import vector_index
from .models import Embedding
from .scoring import Match, score
from .weights import Weights

CANDIDATES = 300
# The similarity assumed for an object whose embedding is still being computed: about what two
# texts from neighbouring kinds of work score, so it is neither hidden nor favoured meanwhile.
PENDING_SIMILARITY = 0.3


@dataclass
class Semantic:
    """The encoder's view of things: None when the model cannot be loaded (taxonomy only)."""

    version: str | None

    @classmethod
    def current(cls) -> "Semantic":
        return cls(version=installed_model_version())

    @property
    def available(self) -> bool:
        return self.version is not None


def _order(matches: Iterable[Match], limit: int | None) -> list[Match]:
    ordered = sorted(matches, key=lambda m: (-m.score, m.talent_id, m.gig_id))
    return ordered[:limit] if limit else ordered


def nearest(kind: str, query: np.ndarray | None, semantic: Semantic, k: int) -> list[int]:
    if not semantic.available or query is None:
        return []
    return [pk for pk, _ in vector_index(kind, semantic.version).search(query, k)]


def vector_of(kind: str, object_id: int, semantic: Semantic) -> np.ndarray | None:
    if not semantic.available:
        return None
    return vector_index(kind, semantic.version).vector(object_id)


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
    similarity = {}
    query = vector_of(Embedding.Kind.PROJECT, gig.id, semantic)
    if query is not None:
        index = vector_index(Embedding.Kind.FREELANCER, semantic.version)
        similarity = index.similarities(query, talents.keys())
    matches = (
        score(
            gig,
            talent,
            similarity=similarity.get(pk, PENDING_SIMILARITY) if query is not None else None,
            weights=weights,
            boost_newcomers=boost_newcomers,
        )
        for pk, talent in talents.items()
    )
    return _order(matches, limit)


def rank_gigs(
    talent: Talent,
    gigs: dict[int, Gig],
    *,
    semantic: Semantic,
    weights: Weights,
    limit: int | None = None,
) -> list[Match]:
    """Score every gig given for the talent, best first."""
    similarity = {}
    query = vector_of(Embedding.Kind.FREELANCER, talent.id, semantic)
    if query is not None:
        index = vector_index(Embedding.Kind.PROJECT, semantic.version)
        similarity = index.similarities(query, gigs.keys())
    matches = (
        score(
            gig,
            talent,
            similarity=similarity.get(pk, PENDING_SIMILARITY) if query is not None else None,
            weights=weights,
            boost_newcomers=False,  # a boost ranks people, not a person's own feed
        )
        for pk, gig in gigs.items()
    )
    ordered = sorted(matches, key=lambda m: (-m.score, m.gig_id))
    return ordered[:limit] if limit else ordered

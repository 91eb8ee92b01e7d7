"""A generically written text sits close to everybody; it must not top every list for that."""

import numpy as np

from matching.index import VectorIndex
from matching.models import Embedding
from matching.ranking import Semantic, _similarities


def _index(kind: str, vectors: dict[int, list[float]]) -> VectorIndex:
    index = VectorIndex(kind=kind, version="test")
    rows = [(pk, np.array(v, dtype=np.float32)) for pk, v in vectors.items()]
    index._load([(pk, (v / np.linalg.norm(v)).tobytes()) for pk, v in rows])
    return index


def _semantic(freelancers, projects) -> Semantic:
    semantic = Semantic(version="test")
    semantic._indexes = {
        Embedding.Kind.FREELANCER: _index(Embedding.Kind.FREELANCER, freelancers),
        Embedding.Kind.PROJECT: _index(Embedding.Kind.PROJECT, projects),
    }
    return semantic


# Four freelancers in four kinds of work (axes 0-3), all written in the same generic words
# (axis 4). Project 10 asks for the first freelancer's work plus something of its own (axis 5);
# project 20 is nothing but the generic words, so it resembles everybody.
FREELANCERS = {
    1: [1, 0, 0, 0, 1, 0],
    2: [0, 1, 0, 0, 1, 0],
    3: [0, 0, 1, 0, 1, 0],
    4: [0, 0, 0, 1, 1, 0],
}
PROJECTS = {10: [1, 0, 0, 0, 0, 0.8], 20: [0, 0, 0, 0, 1, 0]}


def test_the_specific_project_outranks_the_vague_one_in_its_freelancers_feed():
    semantic = _semantic(FREELANCERS, PROJECTS)
    index = semantic.index(Embedding.Kind.PROJECT)
    raw = index.similarities(semantic.index(Embedding.Kind.FREELANCER).vector(1), [10, 20])
    assert raw[20] > raw[10]  # by raw cosine the vague project comes first
    adjusted = _similarities(
        Embedding.Kind.FREELANCER, 1, Embedding.Kind.PROJECT, [10, 20], semantic
    )
    assert adjusted[10] > adjusted[20]
    assert adjusted[20] < raw[20]  # the hub loses its head start
    assert adjusted[10] > raw[10]  # the specific project keeps more than its raw similarity


def test_a_typical_candidate_keeps_its_similarity():
    """Every project equally close to the population: the correction changes nothing."""
    semantic = _semantic(FREELANCERS, {10: [1, 0, 0, 0, 0, 0], 11: [0, 1, 0, 0, 0, 0]})
    raw = semantic.index(Embedding.Kind.PROJECT).similarities(
        semantic.index(Embedding.Kind.FREELANCER).vector(1), [10, 11]
    )
    adjusted = _similarities(
        Embedding.Kind.FREELANCER, 1, Embedding.Kind.PROJECT, [10, 11], semantic
    )
    assert all(abs(adjusted[pk] - raw[pk]) < 1e-6 for pk in raw)

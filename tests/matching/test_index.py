"""Both index kinds answer the same question the same way; the setting chooses between them."""

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured

from matching.index import ApproximateIndex, VectorIndex


def _rows(n: int, seed: int = 7) -> list[tuple[int, bytes]]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, 32)).astype(np.float32)
    vectors = centres[rng.integers(0, 20, n)] + 0.5 * rng.standard_normal((n, 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    return [(1000 + i, v.tobytes()) for i, v in enumerate(vectors)]


def _both(rows):
    exact, approximate = VectorIndex("freelancer", "t"), ApproximateIndex("freelancer", "t")
    exact._load(rows)
    approximate._load(rows)
    return exact, approximate


def test_the_approximate_index_finds_nearly_all_of_the_exact_top_50():
    exact, approximate = _both(_rows(3000))
    recalls, nearest_found = [], 0
    # Recall is measured over queries, never asserted of one: the graph is built by several
    # threads, so which neighbour one query misses varies from build to build. Measured over 40
    # builds (800 queries): the query's own vector came first in 797, mean recall@50 >= 0.997.
    for pk in range(1000, 4000, 150):
        query = exact.vector(pk)
        want = exact.search(query, 50)
        got = approximate.search(query, 50)
        recalls.append(len({p for p, _ in want} & {p for p, _ in got}) / 50)
        nearest_found += got[0] == pytest.approx(want[0])
        # Whatever it finds carries the exact similarity, best first.
        exact_similarity = dict(exact.search(query, 3000))
        assert [s for _, s in got] == pytest.approx([exact_similarity[p] for p, _ in got])
        assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
    assert nearest_found >= 18  # of 20
    assert sum(recalls) / len(recalls) >= 0.95


def test_a_patched_vector_is_found_where_it_now_is():
    rows = _rows(500)
    exact, approximate = _both(rows)
    approximate.search(exact.vector(1000), 5)  # builds the graph
    moved = exact.vector(1400).copy()
    approximate._patch([(1000, moved.tobytes()), (9999, moved.tobytes())])
    found = [pk for pk, _ in approximate.search(moved, 3)]
    assert {1000, 1400, 9999} == set(found)


def test_the_setting_chooses_the_index(settings, db):
    from matching.index import vector_index, vector_index_reset

    vector_index_reset()
    settings.MATCHING_INDEX = "usearch"
    assert type(vector_index("freelancer", "t")) is ApproximateIndex
    settings.MATCHING_INDEX = "exact"
    assert type(vector_index("freelancer", "t")) is VectorIndex
    vector_index_reset()


def test_an_unknown_index_setting_is_refused_at_start(monkeypatch):
    import importlib

    import marketplace.settings as module

    monkeypatch.setenv("MATCHING_INDEX", "faiss-gpu")
    with pytest.raises(ImproperlyConfigured, match="MATCHING_INDEX must be 'exact' or 'usearch'"):
        importlib.reload(module)
    monkeypatch.delenv("MATCHING_INDEX")
    importlib.reload(module)

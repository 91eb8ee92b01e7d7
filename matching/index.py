"""Cosine retrieval over the stored vectors, from a matrix each process loads once.

A process keeps one matrix per kind and model version. Before each search it reads the kind's
version mark (`EmbeddingsVersion`, one primary-key read; every write of embeddings through the
services sets a new one in its transaction). Only when the mark moved, or every
`FULL_CHECK_SECONDS` in case something wrote around the services, does it look at the table
itself (its count and latest update): rows changed since are patched in, and a removal reloads
the whole matrix.

`MATCHING_INDEX` chooses how the nearest vectors are found: "exact" scans the matrix (the
default: under about a million vectors it is fast enough and never misses); "usearch" keeps an
HNSW graph beside the matrix, built on the first search after a load and patched like it, for
marketplaces where a scan is too slow. Both answer through the same `search`.
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from .models import Embedding, EmbeddingsVersion

# How often the table itself is looked at even when the mark has not moved: the bound on how
# long a write made around the services (raw SQL, a restored dump) stays unseen.
FULL_CHECK_SECONDS = 300
# Rows are patched in from a little before the latest update seen, so that a transaction which
# stamped its rows earlier but committed later is not missed.
PATCH_OVERLAP = timedelta(seconds=60)


def _state(kind: str, version: str) -> tuple[int, object]:
    row = Embedding.objects.filter(kind=kind, model_version=version).aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    return row["n"], row["latest"]


def _mark(kind: str):
    return EmbeddingsVersion.objects.filter(kind=kind).values_list("token", flat=True).first()


@dataclass
class VectorIndex:
    kind: str
    version: str
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    position: dict[int, int] = field(default_factory=dict)
    state: tuple[int, object] | None = None
    mark: object = None
    checked_at: float = 0.0
    _centroid: np.ndarray | None = field(default=None, repr=False)

    def refresh(self) -> None:
        """Bring the matrix up to date with the stored embeddings.

        One primary-key read when nothing moved; the table is read only when the version mark
        changed or the last full check is older than `FULL_CHECK_SECONDS`.
        """
        mark = _mark(self.kind)
        now = time.monotonic()
        if (
            self.state is not None
            and mark is not None
            and mark == self.mark
            and now - self.checked_at < FULL_CHECK_SECONDS
        ):
            return
        self.mark, self.checked_at = mark, now
        state = _state(self.kind, self.version)
        if state == self.state:
            return
        rows = Embedding.objects.filter(kind=self.kind, model_version=self.version)
        if self.state is not None and state[0] >= self.state[0] and self.state[1] is not None:
            changed = rows.filter(updated_at__gte=self.state[1] - PATCH_OVERLAP)
            self._patch(list(changed.values_list("object_id", "vector")))
        if self.state is None or len(self.position) != state[0]:
            self._load(list(rows.order_by("object_id").values_list("object_id", "vector")))
        self.state = state

    def _load(self, rows: list[tuple[int, bytes]]) -> None:
        self.ids = np.array([pk for pk, _ in rows], dtype=np.int64)
        self.matrix = (
            np.vstack([np.frombuffer(v, dtype=np.float32) for _, v in rows])
            if rows
            else np.zeros((0, 0), dtype=np.float32)
        )
        self.position = {int(pk): i for i, pk in enumerate(self.ids)}
        self._centroid = None

    def _patch(self, rows: list[tuple[int, bytes]]) -> None:
        self._centroid = None
        added = []
        for pk, vector in rows:
            at = self.position.get(pk)
            if at is None:
                added.append((pk, vector))
            else:
                self.matrix[at] = np.frombuffer(vector, dtype=np.float32)
        if added:
            new = np.vstack([np.frombuffer(v, dtype=np.float32) for _, v in added])
            self.matrix = np.vstack([self.matrix, new]) if self.matrix.size else new
            start = len(self.ids)
            self.ids = np.concatenate([self.ids, np.array([pk for pk, _ in added], np.int64)])
            self.position.update({int(pk): start + i for i, (pk, _) in enumerate(added)})

    @property
    def centroid(self) -> np.ndarray | None:
        """The mean of all vectors: what the whole population of this kind looks like."""
        if self._centroid is None and len(self.ids):
            self._centroid = self.matrix.mean(axis=0)
        return self._centroid

    def vector(self, object_id: int) -> np.ndarray | None:
        at = self.position.get(object_id)
        return None if at is None else self.matrix[at]

    def similarities(self, query: np.ndarray, object_ids) -> dict[int, float]:
        """Cosine similarity of `query` to each listed object that has a vector."""
        known = [(pk, self.position[pk]) for pk in object_ids if pk in self.position]
        if not known or query is None:
            return {}
        sims = self.matrix[[at for _, at in known]] @ query
        return {pk: float(s) for (pk, _), s in zip(known, sims, strict=True)}

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k objects nearest to `query`, nearest first, with their cosine similarity."""
        if query is None or not len(self.ids):
            return []
        k = min(k, len(self.ids))
        sims = self.matrix @ query
        top = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(int(self.ids[i]), float(sims[i])) for i in top]


@dataclass
class ApproximateIndex(VectorIndex):
    """The same index, searched through an HNSW graph (usearch) instead of a full scan.

    Similarities come from the matrix, not the graph, so scores are exact; only which
    candidates are found is approximate (recall@50 is measured in bench/bench_matching.py).
    """

    # Graph parameters measured in bench/bench_matching.py (recall@50 against exact). The graph
    # keeps its vectors as float16: half the memory of float32 and a build 1.4 times as fast,
    # with the same recall at 100,000 (1.000 against 0.999); similarities still come from the
    # float32 matrix.
    CONNECTIVITY = 16
    EXPANSION_ADD = 128
    EXPANSION_SEARCH = 128
    DTYPE = "f16"
    _graph: object = field(default=None, repr=False)

    def _load(self, rows: list[tuple[int, bytes]]) -> None:
        super()._load(rows)
        self._graph = None  # rebuilt on the next search

    def _patch(self, rows: list[tuple[int, bytes]]) -> None:
        super()._patch(rows)
        if self._graph is not None and rows:
            keys = np.array([pk for pk, _ in rows], dtype=np.uint64)
            for key in keys:
                if self._graph.contains(key):
                    self._graph.remove(key)
            self._graph.add(keys, self.matrix[[self.position[int(k)] for k in keys]])

    def graph(self):
        if self._graph is None and len(self.ids):
            from usearch.index import Index

            graph = Index(
                ndim=self.matrix.shape[1],
                metric="cos",
                dtype=self.DTYPE,
                connectivity=self.CONNECTIVITY,
                expansion_add=self.EXPANSION_ADD,
                expansion_search=self.EXPANSION_SEARCH,
            )
            graph.add(self.ids.astype(np.uint64), self.matrix)
            self._graph = graph
        return self._graph

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if query is None or not len(self.ids):
            return []
        found = self.graph().search(np.asarray(query, dtype=np.float32), min(k, len(self.ids)))
        keys = [int(key) for key in found.keys]
        sims = self.matrix[[self.position[key] for key in keys]] @ query
        ranked = sorted(zip(keys, sims, strict=True), key=lambda pair: (-pair[1], pair[0]))
        return [(key, float(sim)) for key, sim in ranked]


INDEX_KINDS = {"exact": VectorIndex, "usearch": ApproximateIndex}

_lock = threading.Lock()
_indexes: dict[tuple[str, str], VectorIndex] = {}


def vector_index(kind: str, version: str) -> VectorIndex:
    """The process's index for one kind and model version, refreshed before it is returned."""
    cls = INDEX_KINDS[settings.MATCHING_INDEX]
    with _lock:
        index = _indexes.get((kind, version))
        if type(index) is not cls:
            index = _indexes[(kind, version)] = cls(kind=kind, version=version)
        index.refresh()
    return index


def vector_index_reset() -> None:
    with _lock:
        _indexes.clear()

"""The budget and duration estimator: a point, an 80% interval, a duration, comparable projects.

For each budget type, an average of ridge regressions predicts the logarithm of the amount from
the posting's structured features, its category and its text (see `ridge.py`). The interval is
calibrated in log space on the leave-one-out residuals (jackknife conformal): the point plus the
residuals' conformal 10th and 90th percentiles, so about 80% of new postings fall inside whatever
the model's quality. When that interval would be no narrower than the market's own 10th-90th
percentile range, the range is used instead. The duration is a ridge regression on the logarithm
of the weeks, from every field but the amount; comparable projects are the nearest training
postings by text and skills.
"""

import io
import math
from dataclasses import dataclass, field, replace

import joblib
import numpy as np
from scipy import sparse

from .features import StructuredFeatures, category_key
from .postings import BUDGET_TYPES, Posting
from .ridge import BlockRidge, fit_block_ridge
from .text import TextFeatures

VERSION = "ridge-bma-jackknife-6"
MIN_MODEL_ROWS = 8  # fewer than this, a budget type is estimated by its median and percentiles
# Categories with fewer postings do not use their own 10th and 90th percentiles for the market
# range: those of a handful of amounts cover far less than 80% of new ones.
MIN_GROUP = 20
MIN_RANKED_GROUP = 9  # the smallest category whose lowest and highest amounts cover 80%
LOW_Q, HIGH_Q = 0.10, 0.90
# A re-post: the text (title, skills, start of the description) is nearly identical.
REPEAT_SIMILARITY = 0.95
REPEAT_WEIGHT = 0.5  # halfway between the model and what the earlier posting paid
# One grid of weights per block: structured, category, embedding, topics.
BLOCK_GRIDS = [(1.0,), (1.0, 3.0), (0.0, 1.0, 2.5, 6.0), (0.0, 1.0, 2.5, 6.0)]


@dataclass(frozen=True)
class Comparable:
    id: str
    title: str
    skills: tuple[str, ...]
    budget_type: str
    amount: float
    duration_weeks: float | None
    similarity: float


@dataclass(frozen=True)
class Prediction:
    budget_type: str
    amount: float  # US dollars; the fixed price or the hourly rate
    low: float
    high: float
    duration_weeks: float | None
    sample_size: int
    comparables: list[Comparable] = field(default_factory=list)
    reads_details: bool = True  # False: the point is the market's median, whatever is asked
    market_range: bool = False  # the interval is the market's usual range, not the model's


def _log_amounts(postings: list[Posting]) -> np.ndarray:
    return np.log(np.array([p.amount for p in postings], dtype=float))


def _blocks(structured, postings, embedding, topics) -> list[np.ndarray]:
    return [structured.numeric(postings), structured.category(postings), embedding, topics]


def conformal_offsets(residuals: np.ndarray) -> tuple[float, float, float]:
    """The median residual, and the offsets from it that bound 80% of new residuals.

    Split-conformal ranks: the floor((n+1)/10)-th smallest and ceil(9(n+1)/10)-th, which cover
    at least 80% of exchangeable new items (clamped to the extremes on very small sets).
    """
    shift = float(np.median(residuals))
    ordered = np.sort(residuals - shift)
    n = len(ordered)
    low = min(max(math.floor((n + 1) * LOW_Q), 1), n)
    high = min(max(math.ceil((n + 1) * HIGH_Q), 1), n)
    return shift, float(ordered[low - 1]), float(ordered[high - 1])


class _Spread:
    """The market's range of amounts per category (the whole budget type's if too few), in logs.

    Percentiles of the amounts themselves (linear interpolation), as the baseline takes them,
    for categories of at least MIN_GROUP postings. A smaller category of at least
    MIN_RANKED_GROUP uses its own conformal order statistics instead (the floor((n+1)/10)-th
    smallest and ceil(9(n+1)/10)-th amounts, about 80% of new ones), when that is narrower
    than the whole type's range: a category priced apart keeps its own range.
    """

    def __init__(self, postings: list[Posting], y: np.ndarray):
        groups: dict[str, list[float]] = {}
        for posting, value in zip(postings, y, strict=True):
            groups.setdefault(category_key(posting.category), []).append(float(value))
        self.overall = tuple(float(q) for q in np.log(np.percentile(np.exp(y), [10, 90])))
        self.groups = {}
        for key, values in groups.items():
            if len(values) >= MIN_GROUP:
                self.groups[key] = tuple(
                    float(q) for q in np.log(np.percentile(np.exp(values), [10, 90]))
                )
            elif len(values) >= MIN_RANKED_GROUP:
                shift, low, high = conformal_offsets(np.array(values))
                if high - low < self.overall[1] - self.overall[0]:
                    self.groups[key] = (shift + low, shift + high)

    def range(self, posting: Posting) -> tuple[float, float]:
        return self.groups.get(category_key(posting.category), self.overall)

    def mean_width(self, postings: list[Posting]) -> float:
        return float(np.mean([high - low for low, high in map(self.range, postings)]))


def _repeatable(postings: list[Posting], vectors: np.ndarray) -> np.ndarray:
    """The postings' unit vectors for finding re-posts, zero for those with nothing but a
    title: two postings both called "Data analyst" are not one posted twice."""
    body = np.array([bool(p.skills or p.description.strip()) for p in postings], dtype=bool)
    return np.where(body[:, None], vectors, 0.0).astype(np.float32)


class _TypeModel:
    """The amount model of one budget type, with its calibrated interval offsets (log scale).

    A posting that repeats a training posting almost word for word (a re-post) is pulled towards
    what that one paid. When the model's calibrated interval would be no narrower than the
    market's own spread (the amounts' 10th-90th percentiles in the posting's category), the
    interval is that spread: a model that cannot narrow the range should not widen it.
    """

    def __init__(self, postings: list[Posting], embedding, topics, vectors):
        y = _log_amounts(postings)
        self.rows = len(postings)
        self.median = float(np.median(y))
        self.spread = _Spread(postings, y)
        self.ridge: BlockRidge | None = None
        self.market_interval = True
        self.shift, self.low, self.high = 0.0, 0.0, 0.0
        if self.rows < MIN_MODEL_ROWS:
            return
        self.structured = StructuredFeatures().fit(postings)
        blocks = _blocks(self.structured, postings, embedding, topics)
        self.ridge = fit_block_ridge(blocks, y, BLOCK_GRIDS)
        self.vectors, self.y = _repeatable(postings, vectors), y
        loo = self._with_repeats(self.ridge.loo_predictions, self.vectors, leave_out_self=True)
        self.shift, self.low, self.high = conformal_offsets(y - loo)
        self.market_interval = self.high - self.low >= self.spread.mean_width(postings)

    @property
    def reads_details(self) -> bool:
        """Whether the point depends on what is asked (not only on the market's median)."""
        return self.ridge is not None and self.ridge.candidates > 0

    def _with_repeats(self, points, vectors, *, leave_out_self: bool = False) -> np.ndarray:
        if vectors.shape[1] == 0:
            return points
        similarity = vectors.astype(np.float32) @ self.vectors.T
        if leave_out_self:
            np.fill_diagonal(similarity, -1.0)
        repeats = similarity >= REPEAT_SIMILARITY
        found = repeats.any(axis=1)
        blended = np.array(points, dtype=float)
        for i in np.flatnonzero(found):
            paid = float(np.mean(self.y[repeats[i]]))
            blended[i] = (1 - REPEAT_WEIGHT) * blended[i] + REPEAT_WEIGHT * paid
        return blended

    def predict_log(self, postings: list[Posting], embedding, topics, vectors) -> list[tuple]:
        """(point, low, high) in logarithms for each posting."""
        if self.ridge is None:
            points = np.full(len(postings), self.median)
        else:
            blocks = _blocks(self.structured, postings, embedding, topics)
            repeatable = _repeatable(postings, vectors)
            points = self._with_repeats(self.ridge.predict(blocks), repeatable) + self.shift
        if not self.market_interval:
            return [(p, p + self.low, p + self.high) for p in points]
        ranges = [self.spread.range(posting) for posting in postings]
        return [
            (min(max(p, low), high), low, high)
            for p, (low, high) in zip(points, ranges, strict=True)
        ]


class _DurationModel:
    """log(weeks) from everything but the amount; both budget types together."""

    def __init__(self, postings: list[Posting], embedding, topics):
        known = [i for i, p in enumerate(postings) if p.duration_weeks]
        self.rows = len(known)
        self.ridge: BlockRidge | None = None
        self.median = (
            float(np.median(np.log([postings[i].duration_weeks for i in known]))) if known else None
        )
        if self.rows < MIN_MODEL_ROWS:
            return
        chosen = [postings[i] for i in known]
        y = np.log([p.duration_weeks for p in chosen])
        self.structured = StructuredFeatures(with_duration=False, with_budget_type=True)
        self.structured.fit(chosen)
        blocks = _blocks(self.structured, chosen, embedding[known], topics[known])
        self.ridge = fit_block_ridge(blocks, y, BLOCK_GRIDS)
        self.shift = float(np.median(y - self.ridge.loo_predictions))

    def predict_weeks(self, postings: list[Posting], embedding, topics) -> list[float | None]:
        if self.median is None:
            return [None] * len(postings)
        if self.ridge is None:
            return [math.exp(self.median)] * len(postings)
        blocks = _blocks(self.structured, postings, embedding, topics)
        return [float(w) for w in np.exp(self.ridge.predict(blocks) + self.shift)]


class BudgetEstimator:
    """Trained on postings with an amount (US dollars); predicts for postings without one."""

    version = VERSION

    def __init__(self, *, use_encoder: bool = True):
        self.use_encoder = use_encoder
        self.models: dict[str, _TypeModel] = {}
        self.rows = 0

    def fit(self, postings: list[Posting]) -> "BudgetEstimator":
        postings = [p for p in postings if p.amount and p.budget_type in BUDGET_TYPES]
        self.rows = len(postings)
        if not postings:
            return self
        self.text = TextFeatures(use_encoder=self.use_encoder).fit(postings)
        embedding, topics = self.text.embedding(postings), self.text.topics(postings)
        vectors = self.text.similarity_space(postings)
        for budget_type in BUDGET_TYPES:
            rows = [i for i, p in enumerate(postings) if p.budget_type == budget_type]
            if rows:
                self.models[budget_type] = _TypeModel(
                    [postings[i] for i in rows], embedding[rows], topics[rows], vectors[rows]
                )
        self.duration = _DurationModel(postings, embedding, topics)
        self._remember_for_comparables(postings)
        return self

    @property
    def encoder_version(self) -> str | None:
        return self.text.encoder_version if self.rows else None

    def sample_size(self, budget_type: str) -> int:
        model = self.models.get(budget_type)
        return model.rows if model else 0

    def predict(self, postings: list[Posting], *, comparables: int = 0) -> list[Prediction | None]:
        """One prediction per posting; None for a budget type it has never seen."""
        if not postings or not self.rows:
            return [None] * len(postings)
        embedding, topics = self.text.embedding(postings), self.text.topics(postings)
        vectors = self.text.similarity_space(postings)
        weeks = self.duration.predict_weeks(postings, embedding, topics)
        estimates: list[tuple | None] = [None] * len(postings)
        for budget_type, model in self.models.items():
            rows = [i for i, p in enumerate(postings) if p.budget_type == budget_type]
            if rows:
                found = model.predict_log(
                    [postings[i] for i in rows], embedding[rows], topics[rows], vectors[rows]
                )
                for i, estimate in zip(rows, found, strict=True):
                    estimates[i] = estimate
        similar = self._similar(postings, comparables) if comparables else None
        predictions: list[Prediction | None] = []
        for i, posting in enumerate(postings):
            if estimates[i] is None:
                predictions.append(None)
                continue
            point, low, high = (math.exp(v) for v in estimates[i])
            model = self.models[posting.budget_type]
            predictions.append(
                Prediction(
                    budget_type=posting.budget_type,
                    amount=point,
                    low=low,
                    high=high,
                    duration_weeks=weeks[i],
                    sample_size=model.rows,
                    comparables=similar[i] if similar else [],
                    reads_details=model.reads_details,
                    market_range=model.market_interval,
                )
            )
        return predictions

    def _remember_for_comparables(self, postings: list[Posting]) -> None:
        """Keep what comparables show, for the postings that may be shown (public ones)."""
        postings = [p for p in postings if p.extra.get("public", True)]
        self.known = [
            Comparable(p.id, p.title, p.skills, p.budget_type, p.amount, p.duration_weeks, 0.0)
            for p in postings
        ]
        self.known_vectors = self.text.similarity_space(postings).astype(np.float32)
        self.skill_index: dict[str, int] = {}
        for posting in postings:
            for skill in posting.skills:
                self.skill_index.setdefault(skill.lower(), len(self.skill_index))
        self.known_skills = self._skill_matrix(postings)

    def _skill_matrix(self, postings: list[Posting]) -> sparse.csr_matrix:
        """One row per posting, one column per skill seen in training (unseen ones left out)."""
        rows, columns = [], []
        for row, posting in enumerate(postings):
            for column in {self.skill_index.get(s.lower()) for s in posting.skills} - {None}:
                rows.append(row)
                columns.append(column)
        shape = (len(postings), max(1, len(self.skill_index)))
        return sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape)

    def _similar(self, postings: list[Posting], k: int) -> list[list[Comparable]]:
        """The k training postings of the same budget type closest by text and skills."""
        vectors = self.text.similarity_space(postings).astype(np.float32)
        if vectors.shape[1]:
            scores = 0.75 * (vectors @ self.known_vectors.T)
        else:
            scores = np.zeros((len(postings), len(self.known)))
        shared = (self._skill_matrix(postings) @ self.known_skills.T).toarray()
        sizes = np.array([len({s.lower() for s in p.skills}) for p in postings])[:, None]
        union = sizes + np.asarray(self.known_skills.sum(axis=1)).ravel()[None, :] - shared
        scores = scores + 0.25 * np.divide(
            shared, union, out=np.zeros_like(shared), where=union > 0
        )
        known_types = np.array([c.budget_type for c in self.known])
        found = []
        for i, posting in enumerate(postings):
            row = np.where(known_types == posting.budget_type, scores[i], -np.inf)
            best = [j for j in np.argsort(-row)[:k] if np.isfinite(row[j])]
            found.append([replace(self.known[j], similarity=round(float(row[j]), 3)) for j in best])
        return found

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @staticmethod
    def from_bytes(data: bytes) -> "BudgetEstimator":
        estimator = joblib.load(io.BytesIO(bytes(data)))
        if not isinstance(estimator, BudgetEstimator):
            raise TypeError("The stored artifact is not a budget estimator.")
        return estimator

"""The structured features of a posting: level, duration, hours, size of the text, category.

A missing value (no hours, no duration, no description yet) is read as the training average,
with an indicator of its own: when training had missing values the indicator learns what their
absence says; when it had none, an absent value moves nothing. A category seen fewer than
`MIN_CATEGORY` times in training is read as "another category". Columns are standardised on the
training postings so one penalty suits them all.
"""

import math

import numpy as np

from .postings import LEVELS, Posting

MIN_CATEGORY = 3


def category_key(category: str | None) -> str:
    return " ".join(category.lower().split()) if category else ""


def _log_or_missing(value: float | None) -> float:
    return math.log(value) if value else math.nan


def _row(posting: Posting, *, with_duration: bool) -> list[float]:
    level = posting.experience_level
    row = [float(level == name) for name in LEVELS]
    row.append(float(level is None))
    row += [_log_or_missing(posting.hours_per_week), float(posting.hours_per_week is None)]
    if with_duration:
        row += [_log_or_missing(posting.duration_weeks), float(posting.duration_weeks is None)]
    # The size of the description, but not the title's length nor the number of skills: titles
    # run from "Data" to a sentence and skill lists from one to a dozen whatever the work is
    # worth, and an estimate that moved as the employer typed a title read as nonsense. What
    # the title and skills say is in the text features. Dropping the two lowered the error on
    # the reference postings (fixed 0.937 -> 0.917, hourly 0.873 -> 0.869; docs/INSIGHTS.md).
    # An empty description is one not written (yet, on the project form): missing, not short.
    description = len(posting.description.strip())
    row += [math.log1p(description) if description else math.nan, float(not description)]
    return row


class StructuredFeatures:
    """Fitted on training postings; `transform` gives the standardised numeric block and the
    category block (one column per category seen often enough, plus "other")."""

    def __init__(self, *, with_duration: bool = True, with_budget_type: bool = False):
        self.with_duration = with_duration
        self.with_budget_type = with_budget_type
        self.fill: np.ndarray | None = None  # the training average of each column, for gaps
        self.mean: np.ndarray | None = None
        self.scale: np.ndarray | None = None
        self.low: np.ndarray | None = None
        self.high: np.ndarray | None = None
        self.categories: list[str] = []

    def _numeric(self, postings: list[Posting]) -> np.ndarray:
        rows = [_row(p, with_duration=self.with_duration) for p in postings]
        if self.with_budget_type:
            rows = [
                [*r, float(p.budget_type == "fixed")] for r, p in zip(rows, postings, strict=True)
            ]
        return np.asarray(rows, dtype=float)

    def fit(self, postings: list[Posting]) -> "StructuredFeatures":
        numeric = self._numeric(postings)
        known = ~np.isnan(numeric)
        self.fill = np.divide(
            np.where(known, numeric, 0.0).sum(axis=0),
            known.sum(axis=0),
            out=np.zeros(numeric.shape[1]),
            where=known.any(axis=0),
        )
        numeric = self._filled(numeric)
        self.low, self.high = numeric.min(axis=0), numeric.max(axis=0)
        self.mean = numeric.mean(axis=0)
        spread = numeric.std(axis=0)
        self.scale = np.where(spread > 1e-9, spread, 1.0)
        counts: dict[str, int] = {}
        for posting in postings:
            key = category_key(posting.category)
            counts[key] = counts.get(key, 0) + 1
        frequent = sorted(key for key, count in counts.items() if count >= MIN_CATEGORY)
        self.categories = frequent if len(frequent) > 1 or len(counts) > 1 else []
        return self

    def _filled(self, numeric: np.ndarray) -> np.ndarray:
        return np.where(np.isnan(numeric), self.fill, numeric)

    def numeric(self, postings: list[Posting]) -> np.ndarray:
        # Held to the range seen in training: a linear model extrapolates without limit, and
        # a posting unlike any seen (200 hours a week, a 10,000-word brief) says no more.
        numeric = np.clip(self._filled(self._numeric(postings)), self.low, self.high)
        return (numeric - self.mean) / self.scale

    def category(self, postings: list[Posting]) -> np.ndarray:
        if not self.categories:
            return np.zeros((len(postings), 0))
        index = {key: i for i, key in enumerate(self.categories)}
        block = np.zeros((len(postings), len(self.categories) + 1))
        for row, posting in enumerate(postings):
            block[row, index.get(category_key(posting.category), len(self.categories))] = 1.0
        return block

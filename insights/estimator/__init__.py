"""The budget and duration estimator: postings in, point, 80% interval and duration out."""

from .model import VERSION, BudgetEstimator, Comparable, Prediction
from .postings import Posting, posting_from_record

__all__ = [
    "VERSION",
    "BudgetEstimator",
    "Comparable",
    "Posting",
    "Prediction",
    "posting_from_record",
]

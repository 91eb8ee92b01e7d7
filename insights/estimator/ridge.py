"""Ridge regression over blocks of features, averaged over weightings by leave-one-out error.

Each block (structured features, category, embedding, topics) is multiplied by a weight from a
small grid before one ridge penalty applies, so a block that does not help can be turned down
without starving the others. Rather than keeping the single best weighting and penalty, which is
a noisy choice on a few dozen postings, every candidate is weighted by its leave-one-out
likelihood under a Laplace error model, tempered to MAE^-n/2 (pseudo-Bayesian model
averaging): on small sets many candidates share the vote, on large ones the best dominates.
Leave-one-out errors come in closed form from one SVD per weighting. Every candidate is linear
in the blocks, so the average is one linear model. Candidates are judged on their errors once
the median residual is added back (as the point estimate is), and when the average does not
beat the plain median in leave-one-out, the median is the model: features that say nothing
cost nothing.
"""

import itertools
from dataclasses import dataclass

import numpy as np

ALPHAS = tuple(float(a) for a in np.logspace(-2, 4, 13))
# The votes count half of the rows as evidence (a tempered likelihood, MAE^-n/2): the
# candidates' leave-one-out errors are far from independent and the Laplace model is only
# approximately right, so the full likelihood crowns a winner on noise. On the reference
# postings this lowered fixed-price errors in every variant (full text, no descriptions, titles
# only) and left hourly ones about the same; MAE^-n/3 and stronger helped fixed prices more
# but hourly rates less (docs/INSIGHTS.md).
EVIDENCE_SHARE = 0.5
NEGLIGIBLE = 1e-4  # candidates whose share of the vote is below this are left out


@dataclass
class BlockRidge:
    coefs: list[np.ndarray]  # one coefficient vector per block, in the block's own units
    intercept: float
    loo_predictions: np.ndarray  # the average's leave-one-out predictions (approximately)
    loo_mae: float  # once the median leave-one-out residual is added back, as the point is
    candidates: int  # 0: no candidate beat the median, which is the model

    def predict(self, blocks: list[np.ndarray]) -> np.ndarray:
        total = np.full(blocks[0].shape[0], self.intercept)
        for coef, block in zip(self.coefs, blocks, strict=True):
            if coef.size:
                total = total + block @ coef
        return total


def _centred_mae(residuals: np.ndarray) -> float:
    """The mean absolute error once the median residual is added back, as predictions are."""
    return float(np.abs(residuals - np.median(residuals)).mean())


def _candidates(x: np.ndarray, y: np.ndarray, alphas: tuple[float, ...]):
    """(loo_mae, loo_predictions, coef, intercept) for every penalty, from one SVD."""
    n = len(y)
    if x.shape[1] == 0:
        loo = (y.sum() - y) / (n - 1)
        yield _centred_mae(y - loo), loo, np.zeros(0), float(y.mean())
        return
    x_mean, y_mean = x.mean(axis=0), y.mean()
    u, s, vt = np.linalg.svd(x - x_mean, full_matrices=False)
    uy = u.T @ (y - y_mean)
    u2 = u**2
    for alpha in alphas:
        shrink = s**2 / (s**2 + alpha)
        fitted = y_mean + u @ (shrink * uy)
        leverage = u2 @ shrink + 1.0 / n
        loo = y - (y - fitted) / np.maximum(1.0 - leverage, 1e-6)
        coef = vt.T @ ((s / (s**2 + alpha)) * uy)
        yield _centred_mae(y - loo), loo, coef, float(y_mean - x_mean @ coef)


def fit_block_ridge(
    blocks: list[np.ndarray],
    y: np.ndarray,
    grids: list[tuple[float, ...]],
    alphas: tuple[float, ...] = ALPHAS,
) -> BlockRidge:
    """The leave-one-out weighted average of ridge fits over block weightings and penalties."""
    n = len(y)
    if n < 3:
        raise ValueError("At least three training items are needed.")
    options = [
        grid if block.shape[1] else (0.0,) for grid, block in zip(grids, blocks, strict=True)
    ]
    found = []
    # The constant (the mean) is always a candidate: on text that says nothing, it should win.
    everything = [(0.0,) * len(blocks), *itertools.product(*options)]
    for weights in dict.fromkeys(everything):
        used = [(w, b) for w, b in zip(weights, blocks, strict=True) if w and b.shape[1]]
        x = np.hstack([w * b for w, b in used]) if used else np.zeros((n, 0))
        for mae, loo, coef, intercept in _candidates(x, y, alphas):
            found.append((mae, weights, loo, coef, intercept))
    maes = np.array([max(f[0], 1e-9) for f in found])
    log_votes = -EVIDENCE_SHARE * n * np.log(maes)
    votes = np.exp(log_votes - log_votes.max())
    votes /= votes.sum()
    keep = [i for i in np.argsort(-votes) if votes[i] >= NEGLIGIBLE]
    share = votes[keep] / votes[keep].sum()
    coefs = [np.zeros(b.shape[1]) for b in blocks]
    intercept, loo = 0.0, np.zeros(n)
    for weight, i in zip(share, keep, strict=True):
        _, weights, candidate_loo, coef, candidate_intercept = found[i]
        start = 0
        for b, (w, block) in enumerate(zip(weights, blocks, strict=True)):
            if w and block.shape[1]:
                coefs[b] += weight * w * coef[start : start + block.shape[1]]
                start += block.shape[1]
        intercept += weight * candidate_intercept
        loo += weight * candidate_loo
    # Never worse than the median on held-out rows: when the average does not beat it in
    # leave-one-out, the text and the features said nothing the median did not.
    median_loo = _median_leave_one_out(y)
    if _centred_mae(y - median_loo) <= _centred_mae(y - loo):
        coefs = [np.zeros(b.shape[1]) for b in blocks]
        return BlockRidge(coefs, float(np.median(y)), median_loo, _centred_mae(y - median_loo), 0)
    return BlockRidge(coefs, intercept, loo, _centred_mae(y - loo), len(keep))


def _median_leave_one_out(y: np.ndarray) -> np.ndarray:
    """For each row, the median of the other rows, from one sort."""
    ordered = np.sort(y)
    n = len(y)
    # Removing the value at sorted position `rank` shifts every later value one place down:
    # position k of what is left is ordered[k] before `rank`, ordered[k + 1] from it on.
    middle = np.array([(n - 2) // 2, (n - 1) // 2])
    ranks = np.searchsorted(ordered, y)[:, None]
    return ordered[np.where(middle[None, :] >= ranks, middle + 1, middle)].mean(axis=1)

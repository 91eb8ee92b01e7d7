"""The averaged ridge regression never does worse on held-out rows than the median does."""

import numpy as np
import pytest

from insights.estimator.ridge import _median_leave_one_out, fit_block_ridge

GRIDS = [(1.0,), (0.0, 1.0, 2.5, 6.0)]


@pytest.mark.parametrize("n", [3, 4, 5, 10, 11])
def test_the_leave_one_out_median_is_the_median_of_the_others(n):
    y = np.random.default_rng(n).normal(size=n)
    y[1] = y[0]  # ties too
    expected = [np.median(np.delete(y, i)) for i in range(n)]
    assert _median_leave_one_out(y) == pytest.approx(expected)


def test_features_that_say_nothing_leave_the_median():
    rng = np.random.default_rng(3)
    # Skewed amounts (a few very small fixed prices) and text that has nothing to do with them.
    y = np.concatenate([rng.normal(6.0, 0.8, 45), rng.normal(2.0, 0.3, 5)])
    noise = [rng.normal(size=(50, 2)), rng.normal(size=(50, 40))]
    fit = fit_block_ridge(noise, y, GRIDS)
    assert fit.candidates == 0
    assert fit.intercept == pytest.approx(np.median(y))
    assert np.all(fit.predict(noise) == pytest.approx(np.median(y)))


def test_features_that_carry_the_amount_are_used():
    rng = np.random.default_rng(4)
    signal = rng.normal(size=(60, 2))
    y = 5.0 + 1.5 * signal[:, 0] + rng.normal(0, 0.2, 60)
    fit = fit_block_ridge([signal, rng.normal(size=(60, 10))], y, GRIDS)
    assert fit.candidates > 0
    assert fit.loo_mae < np.abs(y - np.median(y)).mean() / 3

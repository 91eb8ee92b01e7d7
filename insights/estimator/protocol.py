"""The development protocol: repeated random train/test splits of real job postings.

The public evaluation sample is a smoke test; decisions about the estimator are taken on many
random splits of the reference postings in GIGWISE_DATA_DIR (upwork_jobs_sample.json), turned into
the evaluation format in memory (the file is never copied). The figures are averaged over splits.
"""

import random
from pathlib import Path

import numpy as np

from .evaluation import evaluate_split
from .postings import hours_a_week, level_name

FIGURES = ("mae_log", "coverage80", "width80_log")


def reference_records(data_dir: Path | str | None) -> list[dict]:
    """The reference postings with a budget, as evaluation records (hourly: mid-range rate)."""
    from projects.demo.postings import postings_load

    records = []
    for n, posting in enumerate(postings_load(data_dir)):
        rates = [r for r in (posting.min_hourly_rate, posting.max_hourly_rate) if r]
        if rates:
            budget_type, amount = "hourly", float(sum(rates)) / len(rates)
        elif posting.fixed_price:
            budget_type, amount = "fixed", float(posting.fixed_price)
        else:
            continue
        records.append(
            {
                "id": f"r{n}",
                "title": posting.title,
                "description": posting.description,
                "skills": list(posting.skills),
                "category": None,
                "experience_level": level_name(posting.experience_level),
                "budget_type": budget_type,
                "amount": amount,
                "currency": "USD",
                "duration_weeks": posting.duration or None,
                "hours_per_week": hours_a_week(posting.hours_per_week),
            }
        )
    return records


def _mean(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return round(float(np.mean(values)), 4) if values else None


def repeated_splits(
    records: list[dict], *, splits: int = 20, test_share: float = 0.3, seed: int = 0, **options
) -> dict:
    """Mean figures of the estimator and the baseline over `splits` random splits."""
    rng = random.Random(seed)
    runs = []
    for _ in range(splits):
        shuffled = records[:]
        rng.shuffle(shuffled)
        cut = round(len(shuffled) * (1 - test_share))
        runs.append(evaluate_split(shuffled[:cut], shuffled[cut:], dataset="split", **options))
    summary: dict = {"splits": splits, "records": len(records)}
    for side in ("estimator", "baseline_category_median"):
        summary[side] = {
            budget_type: {f: _mean([r[side][budget_type][f] for r in runs]) for f in FIGURES}
            for budget_type in ("fixed", "hourly")
        }
        summary[side]["duration"] = {
            "mae_log": _mean([r[side]["duration"]["mae_log"] for r in runs])
        }
    summary["ratio_mae_log"] = {
        t: _mean([r["ratio_mae_log"][t] for r in runs]) for t in ("fixed", "hourly")
    }
    summary["worst_ratio_mae_log"] = {
        t: max((r["ratio_mae_log"][t] for r in runs if r["ratio_mae_log"][t]), default=None)
        for t in ("fixed", "hourly")
    }
    summary["coverage80_spread"] = {
        t: round(float(np.std([r["estimator"][t]["coverage80"] for r in runs])), 4)
        for t in ("fixed", "hourly")
    }
    summary["seconds"] = _mean([r["seconds"] for r in runs])
    return summary

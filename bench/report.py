"""Figures a benchmark reports to `make bench`'s bench/results.json, besides printing them.

    from report import figure
    figure("top-50 over 100,000 vectors", 8.4, "ms", baseline=7.7, baseline_name="NumPy scan")

`bench/run.py` names a JSON-lines file in BENCH_FIGURES and gathers what every benchmark wrote
there; a benchmark run on its own (no BENCH_FIGURES) only prints, as before. Each figure may
carry the baseline measured in the same run; the ratio is figure / baseline.
"""

import json
import os
import sys
from pathlib import Path


def figure(
    name: str,
    value: float,
    unit: str,
    *,
    baseline: float | None = None,
    baseline_name: str = "",
    target: str = "",
    note: str = "",
) -> None:
    """Record one figure of the running benchmark (its script's name is added)."""
    path = os.environ.get("BENCH_FIGURES")
    if not path:
        return
    row = {
        "benchmark": Path(sys.argv[0]).stem,
        "name": name,
        "value": round(float(value), 6),
        "unit": unit,
    }
    if baseline is not None:
        row["baseline"] = round(float(baseline), 6)
        row["baseline_name"] = baseline_name
        row["ratio"] = round(float(value) / float(baseline), 4) if baseline else None
    if target:
        row["target"] = target
    if note:
        row["note"] = note
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")

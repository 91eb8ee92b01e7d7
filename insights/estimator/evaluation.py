"""The estimator's evaluation, exactly as ../shared/eval/README.md defines it.

Train on `train`, predict every `test` item, and report for fixed and hourly budgets separately
`mae_log`, `coverage80` and `width80_log`, the duration's `mae_log`, the same figures for the
category-median baseline, and the ratio of the two `mae_log`.
"""

import logging
import math
import time
from collections import defaultdict

import numpy as np

from .model import BudgetEstimator
from .postings import BUDGET_TYPES, budget_type_name, duration_in_weeks, posting_from_record

logger = logging.getLogger(__name__)

BASELINE_MIN_GROUP = 5


def _amount(record: dict) -> float | None:
    value = record.get("amount")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def _currency(record: dict) -> str:
    code = record.get("currency")
    return code.strip().upper() if isinstance(code, str) and code.strip() else "USD"


def _usd_per_unit() -> dict[str, float]:
    """The exchange-rate table; the shipped file's rates when the database has no table yet
    (a file can be evaluated straight after install, before `migrate`)."""
    from django.db import DatabaseError

    from projects.money import shipped_rates, usd_rates

    try:
        rates = usd_rates()
    except DatabaseError:
        logger.warning("No exchange-rate table (run migrate): using the rates shipped in the file.")
        rates = shipped_rates().usd_per_unit
    return {code: float(rate) for code, rate in rates.items()}


def _converter():
    """(to_usd, from_usd) through the exchange rates; USD and unknown codes unchanged."""
    rates: dict[str, float] = {}
    warned: set[str] = set()

    def rate(currency: str) -> float | None:
        if currency == "USD":
            return 1.0
        if not rates:
            rates.update(_usd_per_unit())
        if currency not in rates and currency not in warned:
            warned.add(currency)
            logger.warning("No exchange rate for %s: its amounts are read as US dollars.", currency)
        return rates.get(currency)

    def to_usd(amount: float, currency: str) -> float:
        per_unit = rate(currency)
        return amount * per_unit if per_unit else amount

    def from_usd(amount: float, currency: str) -> float:
        per_unit = rate(currency)
        return amount / per_unit if per_unit else amount

    return to_usd, from_usd


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def amount_figures(rows: list[tuple[float, float, float, float]]) -> dict:
    """mae_log, coverage80 and width80_log of (truth, point, low, high) rows."""
    if not rows:
        return {"mae_log": None, "coverage80": None, "width80_log": None, "n": 0}
    truth, point, low, high = (np.array(column, dtype=float) for column in zip(*rows, strict=True))
    return {
        "mae_log": _round(np.mean(np.abs(np.log(point) - np.log(truth)))),
        "coverage80": _round(np.mean((low <= truth) & (truth <= high))),
        "width80_log": _round(np.mean(np.log(high / low))),
        "n": len(rows),
    }


def duration_figures(rows: list[tuple[float, float]]) -> dict:
    if not rows:
        return {"mae_log": None, "n": 0}
    truth, point = (np.array(column, dtype=float) for column in zip(*rows, strict=True))
    return {"mae_log": _round(np.mean(np.abs(np.log(point) - np.log(truth)))), "n": len(rows)}


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    median, low, high = np.percentile(values, [50, 10, 90])  # linear interpolation
    return float(median), float(low), float(high)


class CategoryMedianBaseline:
    """Median and 10th-90th percentiles of the train amounts of the same budget type and
    category (null is a category of its own), or of the whole budget type when the group has
    fewer than five; for duration, the median weeks of the same category (or of all)."""

    def __init__(self, train: list[dict]):
        groups: dict[tuple, list[float]] = defaultdict(list)
        by_type: dict[str, list[float]] = defaultdict(list)
        weeks: dict[object, list[float]] = defaultdict(list)
        all_weeks: list[float] = []
        for record in train:
            budget_type, amount = budget_type_name(record.get("budget_type")), _amount(record)
            if budget_type and amount:
                groups[(budget_type, record.get("category"))].append(amount)
                by_type[budget_type].append(amount)
            duration = duration_in_weeks(record.get("duration_weeks"))
            if duration:
                weeks[record.get("category")].append(duration)
                all_weeks.append(duration)
        self.amounts = {key: _percentiles(v) for key, v in groups.items()}
        self.type_amounts = {key: _percentiles(v) for key, v in by_type.items()}
        self.sizes = {key: len(v) for key, v in groups.items()}
        self.weeks = {key: float(np.median(v)) for key, v in weeks.items() if len(v) >= 5}
        self.all_weeks = float(np.median(all_weeks)) if all_weeks else None

    def amount(self, record: dict) -> tuple[float, float, float] | None:
        budget_type = budget_type_name(record.get("budget_type"))
        key = (budget_type, record.get("category"))
        if self.sizes.get(key, 0) >= BASELINE_MIN_GROUP:
            return self.amounts[key]
        return self.type_amounts.get(budget_type)

    def duration(self, record: dict) -> float | None:
        return self.weeks.get(record.get("category"), self.all_weeks)


def evaluate_split(
    train: list[dict], test: list[dict], *, dataset: str, use_encoder: bool = True
) -> dict:
    """Train the production estimator on `train`, score it and the baseline on `test`."""
    started = time.perf_counter()
    to_usd, from_usd = _converter()

    def posting(record: dict, with_amount: bool):
        amount = _amount(record)
        usd = to_usd(amount, _currency(record)) if with_amount and amount else None
        return posting_from_record({**record, "amount": None}, amount=usd)

    training = [p for p in (posting(r, True) for r in train) if p is not None and p.amount]
    estimator = BudgetEstimator(use_encoder=use_encoder).fit(training)
    scored = [r for r in test if budget_type_name(r.get("budget_type")) and _amount(r)]
    predictions = estimator.predict([posting(r, False) for r in scored])
    baseline = CategoryMedianBaseline(train)

    mine, theirs = defaultdict(list), defaultdict(list)
    mine_weeks, their_weeks = [], []
    for record, prediction in zip(scored, predictions, strict=True):
        truth, currency = _amount(record), _currency(record)
        budget_type = budget_type_name(record["budget_type"])
        reference = baseline.amount(record)
        if prediction is None or reference is None:
            continue
        mine[budget_type].append(
            (
                truth,
                *(
                    from_usd(v, currency)
                    for v in (prediction.amount, prediction.low, prediction.high)
                ),
            )
        )
        theirs[budget_type].append((truth, *reference))
        weeks = duration_in_weeks(record.get("duration_weeks"))
        reference_weeks = baseline.duration(record)
        if weeks and prediction.duration_weeks and reference_weeks:
            mine_weeks.append((weeks, prediction.duration_weeks))
            their_weeks.append((weeks, reference_weeks))

    def report(amounts, durations) -> dict:
        figures = {t: amount_figures(amounts[t]) for t in BUDGET_TYPES}
        return {**figures, "duration": duration_figures(durations)}

    estimator_figures = report(mine, mine_weeks)
    baseline_figures = report(theirs, their_weeks)
    ratios = {}
    for budget_type in BUDGET_TYPES:
        ours, base = (f[budget_type]["mae_log"] for f in (estimator_figures, baseline_figures))
        ratios[budget_type] = _round(ours / base) if ours is not None and base else None
    return {
        "dataset": dataset,
        "estimator": estimator_figures,
        "baseline_category_median": baseline_figures,
        "ratio_mae_log": ratios,
        "seconds": round(time.perf_counter() - started, 2),
        "_model": f"{estimator.version} ({estimator.encoder_version or 'TF-IDF only'})",
        "_train_rows": len(training),
    }


def evaluate_file(data: dict, *, name: str, use_encoder: bool = True) -> dict:
    """The figures for one evaluation file (`train` and `test` lists)."""
    dataset = str(data.get("name") or name)
    return evaluate_split(data["train"], data["test"], dataset=dataset, use_encoder=use_encoder)


class NotEnoughData(Exception):
    """Too few completed projects to train on and test against."""


MIN_PLATFORM_RECORDS = 20


def evaluate_platform(*, test_share: float = 0.2, use_encoder: bool = True) -> dict:
    """The same figures on the platform's completed contracts, split in time: the newest 20%
    are tested on the estimator as it would have stood before them. Like the weekly training,
    it learns from the older contracts and from the budgets of projects posted before the
    first tested contract ended (open or closed without a hire)."""
    from .platform import completed_contract_records, posted_budget_records

    dated = completed_contract_records()
    if len(dated) < MIN_PLATFORM_RECORDS:
        raise NotEnoughData(
            f"The platform has {len(dated)} completed contract(s); evaluating the estimator "
            f"needs at least {MIN_PLATFORM_RECORDS}. Use --dataset FILE to evaluate on a file."
        )
    cut = round(len(dated) * (1 - test_share))
    posted_before = [d for d in posted_budget_records() if d.when < dated[cut].when]
    return evaluate_split(
        [d.record for d in dated[:cut] + posted_before],
        [d.record for d in dated[cut:]],
        dataset="platform (time-ordered split)",
        use_encoder=use_encoder,
    )

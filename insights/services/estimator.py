"""Training the budget and duration estimator on the platform's data, and keeping the artifact.

Training rows: completed contracts (what was actually agreed) and the posted budgets of open and
closed projects (the middle of the range), all converted to US dollars. A run whose rows are the
same as the active estimator's returns that estimator: running the task twice trains once.
"""

import hashlib
import logging
import time

from django.db import transaction

from insights.estimator import VERSION, BudgetEstimator, posting_from_record
from insights.estimator.platform import completed_contract_records, posted_budget_records
from projects.money import to_usd

from ..models import TrainedEstimator
from .runs import task_run_recorded

logger = logging.getLogger(__name__)

MIN_TRAINING_ROWS = 20  # below this, no estimator is trained (and none is shown)
KEEP_ARTIFACTS = 3  # the active estimator and the two before it, for comparison in the admin


def _training_postings() -> tuple[list, dict[str, int]]:
    dated = completed_contract_records() + posted_budget_records()
    postings, sources = [], {"contract": 0, "posted": 0}
    for item in dated:
        record = item.record
        try:
            usd = float(to_usd(record["amount"], record["currency"]))
        except ValueError:  # a currency without a rate: leave the row out rather than guess
            continue
        posting = posting_from_record(record, amount=usd)
        if posting is not None and posting.amount:
            postings.append(posting)
            sources[item.source] += 1
    return postings, sources


def _fingerprint(postings: list, *, use_encoder: bool) -> str:
    digest = hashlib.sha256(f"{VERSION}|{use_encoder}".encode())
    for posting in postings:
        digest.update(repr(posting).encode())
    return digest.hexdigest()[:32]


def estimator_train(*, use_encoder: bool = True) -> TrainedEstimator | None:
    """Train on completed contracts and posted budgets and make it the active estimator."""
    postings, sources = _training_postings()
    if len(postings) < MIN_TRAINING_ROWS:
        logger.info("Estimator not trained: %s rows, %s needed.", len(postings), MIN_TRAINING_ROWS)
        return None
    fingerprint = _fingerprint(postings, use_encoder=use_encoder)
    active = TrainedEstimator.objects.filter(is_active=True).order_by("-created_at").first()
    if active is not None and active.metrics.get("fingerprint") == fingerprint:
        return active
    with task_run_recorded("insights.estimator_train") as run:
        started = time.perf_counter()
        estimator = BudgetEstimator(use_encoder=use_encoder).fit(postings)
        metrics = {
            "fingerprint": fingerprint,
            "sources": sources,
            "rows_by_type": {t: estimator.sample_size(t) for t in ("fixed", "hourly")},
            "encoder": estimator.encoder_version,
            "seconds": round(time.perf_counter() - started, 2),
        }
        artifact = estimator.to_bytes()
        with transaction.atomic():
            active = TrainedEstimator.objects.select_for_update().filter(is_active=True)
            list(active.values_list("pk", flat=True))  # one training run activates at a time
            active.update(is_active=False)
            trained = TrainedEstimator.objects.create(
                version=f"{VERSION}/{'st' if estimator.encoder_version else 'tfidf'}",
                rows=estimator.rows,
                metrics=metrics,
                artifact=artifact,
                is_active=True,
            )
            newest = TrainedEstimator.objects.order_by("-created_at", "-pk")
            stale = list(newest.values_list("pk", flat=True)[KEEP_ARTIFACTS:])
            TrainedEstimator.objects.filter(pk__in=stale).delete()
        run.rows_written = 1
        run.detail = f"{estimator.rows} training rows"
    return trained

"""Celery tasks of insights: thin, safe to run twice (each run replaces what it computes)."""

from celery import shared_task


@shared_task(name="insights.market_aggregate", acks_late=True, max_retries=2)
def market_aggregate() -> dict:
    """Recompute hourly-rate percentiles, weekly demand and opportunities."""
    from insights.services.market import market_aggregate as aggregate

    return aggregate()


@shared_task(name="insights.estimator_train", acks_late=True, max_retries=2)
def estimator_train() -> dict:
    """Retrain the budget and duration estimator; unchanged training rows train nothing."""
    from insights.services.estimator import estimator_train as train

    trained = train()
    if trained is None:
        return {"trained": None}
    return {"trained": trained.pk, "version": trained.version, "rows": trained.rows}

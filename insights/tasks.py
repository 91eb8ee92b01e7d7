"""Celery tasks of insights: thin, safe to run twice (each run replaces what it computes)."""

from celery import shared_task


@shared_task(name="insights.market_aggregate", acks_late=True, max_retries=2)
def market_aggregate() -> dict:
    """Recompute hourly-rate percentiles, weekly demand and opportunities."""
    from insights.services.market import market_aggregate as aggregate

    return aggregate()

"""python manage.py aggregate_market: recompute rate percentiles, weekly demand, opportunities."""

import time

from insights.services.market import market_aggregate
from marketplace.commands import DatabaseCommand


class Command(DatabaseCommand):
    help = (
        "Recompute the market summaries the insight pages read: hourly-rate percentiles per "
        "skill, level and region, weekly demand per skill, and opportunities. Each part is "
        "recorded as a task run (see the admin). Safe to re-run; Celery beat runs it daily."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = market_aggregate()
        self.stdout.write(
            f"Market insights: {rows['rates']:,} rate rows and {rows['demand']:,} demand rows "
            f"in {time.perf_counter() - started:.1f} s."
        )

"""The market summaries, recomputed together as recorded runs."""

from ..signals import market_aggregated
from .demand import demand_compute
from .rates import rate_stats_compute
from .runs import recorded


def market_aggregate() -> dict[str, int]:
    """Recompute rates and demand, each as a recorded run; returns the rows each wrote.

    Then `market_aggregated` is sent: learning plans, weighted by these figures, follow.
    """
    rows = {
        "rates": recorded("insights.rate_stats", rate_stats_compute).rows_written,
        "demand": recorded("insights.demand", demand_compute).rows_written,
    }
    market_aggregated.send(sender=market_aggregate, rows=rows)
    return rows

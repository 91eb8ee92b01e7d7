"""The market summaries, recomputed together as recorded runs."""

from .demand import demand_compute
from .rates import rate_stats_compute
from .runs import recorded


def market_aggregate() -> dict[str, int]:
    """Recompute rates and demand, each as a recorded run; returns the rows each wrote."""
    return {
        "rates": recorded("insights.rate_stats", rate_stats_compute).rows_written,
        "demand": recorded("insights.demand", demand_compute).rows_written,
    }

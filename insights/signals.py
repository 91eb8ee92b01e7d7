"""Signals insights sends, so apps above it can follow the market without insights knowing them."""

from django.dispatch import Signal

# Sent after the market summaries (rates, demand, opportunities) were recomputed.
market_aggregated = Signal()

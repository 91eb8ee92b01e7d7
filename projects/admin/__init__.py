"""The projects app's admin, one module per part (Django imports this package)."""

from . import contracts, exchange_rates, messaging, moderation, proposals, taxonomy

__all__ = ["contracts", "exchange_rates", "messaging", "moderation", "proposals", "taxonomy"]

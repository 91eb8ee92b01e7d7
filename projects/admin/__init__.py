"""The projects app's admin, one module per part (Django imports this package)."""

from . import (
    audit_log,
    authenticators,
    contracts,
    exchange_rates,
    messaging,
    moderation,
    proposals,
    taxonomy,
)

__all__ = [
    "audit_log",
    "authenticators",
    "contracts",
    "exchange_rates",
    "messaging",
    "moderation",
    "proposals",
    "taxonomy",
]

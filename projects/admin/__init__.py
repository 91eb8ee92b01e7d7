"""The projects app's admin, one module per part (Django imports this package)."""

from . import contracts, messaging, moderation, proposals, taxonomy

__all__ = ["contracts", "messaging", "moderation", "proposals", "taxonomy"]

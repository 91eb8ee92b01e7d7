"""Admin for the messaging part of the marketplace."""

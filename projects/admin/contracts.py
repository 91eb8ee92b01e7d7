"""Admin for the contracts part of the marketplace."""

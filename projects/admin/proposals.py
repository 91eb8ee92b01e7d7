"""Admin for the proposals part of the marketplace."""

"""Admin for the moderation part of the marketplace."""

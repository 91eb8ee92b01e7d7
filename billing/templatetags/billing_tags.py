"""Template filters of billing pages."""

from django import template

from ..weeks import hours_text

register = template.Library()


@register.filter
def hours(minutes: int) -> str:
    """Minutes as hours people read: 90 becomes 1.5."""
    return hours_text(minutes or 0)

"""`{{ session.user_agent|browser_summary }}`: a browser in words (accounts/devices.py)."""

from django import template

from accounts.devices import browser_summary as summary

register = template.Library()


@register.filter
def browser_summary(user_agent: str | None) -> str:
    return summary(user_agent)

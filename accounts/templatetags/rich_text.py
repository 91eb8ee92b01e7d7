"""`{% load rich_text %}` `{{ project.description|rich_text }}`: long user text as safe HTML.

For long text people write for others to read (descriptions, cover letters, bios). Short fields
(titles, names, headlines) stay plain text, escaped as usual. See accounts/rich_text.py.
"""

from django import template
from django.utils.safestring import SafeString

from accounts.rich_text import rich_text_render

register = template.Library()


@register.filter(name="rich_text", is_safe=True)
def rich_text(value) -> SafeString:
    return rich_text_render(value)

"""People's long text (a project's description, a cover letter, a bio) shown as safe rich text.

Two steps, each enough on its own, both always run:

1. markdown-it-py renders a small Markdown subset: paragraphs and line breaks, emphasis, lists,
   block quotes, code, links. Raw HTML is off (typed tags show as text), images and headings are
   off (a person's text never adds pictures or page headings), and markdown-it refuses
   `javascript:`, `vbscript:`, `file:` and `data:` links before anything is written.
2. nh3 (ammonia) then keeps only the tags and attributes listed below, links only to http,
   https and mailto addresses (no relative ones), and gives every link
   rel="nofollow ugc noopener".

The stored text is never changed: it is sanitised on output, each time it is shown, so a better
allow-list applies to old text too, and the API returns what the person typed.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

RICH_TEXT_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "s",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "hr",
        "a",
    }
)
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
RICH_TEXT_URL_SCHEMES = frozenset({"http", "https", "mailto"})
RICH_TEXT_LINK_REL = "nofollow ugc noopener"
# Rendering is cheap, but a page of proposals shows the same texts again and again.
_CACHED_TEXTS = 256

_markdown = (
    MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    .enable("strikethrough")
    .disable(["image", "heading", "lheading", "html_block", "html_inline"])
)
_cleaner = nh3.Cleaner(
    tags=set(RICH_TEXT_TAGS),
    # Dropped with what they hold, not only their tags: a script's code is never shown as text.
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in RICH_TEXT_ATTRIBUTES.items()},
    url_schemes=set(RICH_TEXT_URL_SCHEMES),
    url_relative="deny",
    link_rel=RICH_TEXT_LINK_REL,
    strip_comments=True,
)


def rich_text_sanitise(html: str) -> str:
    """Only the allow-listed tags, attributes and link schemes of `html` (step 2 alone)."""
    return _cleaner.clean(html)


@lru_cache(maxsize=_CACHED_TEXTS)
def _render(text: str) -> str:
    return rich_text_sanitise(_markdown.render(text)).strip()


def rich_text_render(text: str | None) -> SafeString:
    """The text as sanitised HTML, safe to put in a page as it is; empty text gives ""."""
    if not text:
        return mark_safe("")
    return mark_safe(_render(str(text)))  # nh3's allow-list output

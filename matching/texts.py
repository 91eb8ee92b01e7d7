"""The text each side is embedded from, and its hash (unchanged text is never embedded again)."""

import hashlib
import re

from django.utils.html import strip_tags

_SPACES = re.compile(r"\s+")
# all-MiniLM-L6-v2 reads 256 word pieces; the rest would be cut anyway, so it is not hashed.
MAX_CHARS = 2000


def clean(text: str) -> str:
    """Markup removed and whitespace collapsed, so HTML or pasted layout cannot confuse a match."""
    return _SPACES.sub(" ", strip_tags(text or "")).strip()


def compose(parts: list[str]) -> str:
    kept = [clean(part) for part in parts]
    return ". ".join(part for part in kept if part)[:MAX_CHARS]


def freelancer_text(
    *, headline: str, bio: str, skills: list[str], portfolio: list[str] | None = None
) -> str:
    """Headline, skills (canonical names), bio, then portfolio titles and descriptions."""
    skill_line = f"Skills: {', '.join(skills)}" if skills else ""
    return compose([headline, skill_line, bio, *(portfolio or [])])


def project_text(*, title: str, description: str, skills: list[str]) -> str:
    """Title, the skills asked for (canonical names), then the description."""
    skill_line = f"Skills: {', '.join(skills)}" if skills else ""
    return compose([title, skill_line, description])


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

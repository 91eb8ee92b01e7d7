"""Skills named in prose ("I build REST APIs in Django and Postgres") found through the taxonomy.

People describe what they do in sentences more often than in skill lists. The scan looks up
every run of one to four words against the taxonomy's names and aliases, the way the resolver
does for a typed skill, leaving out words that are skills only by coincidence ("go", "express").
"""

import re
import time
from dataclasses import dataclass

from django.db.models import Count, Max

from projects.models import Skill, SkillAlias
from projects.selectors.skills import SkillIndex
from projects.skill_names import compact

_WORD = re.compile(r"[^\W_][\w+#.\-]*", re.UNICODE)
MAX_WORDS = 4
INDEX_SECONDS = 300
# Skill names that are everyday words in a sentence; in a skill list they still resolve.
EVERYDAY_WORDS = frozenset(
    {
        "access",
        "ant",
        "backbone",
        "chef",
        "ember",
        "excel",
        "express",
        "go",
        "hive",
        "less",
        "make",
        "meteor",
        "office",
        "pig",
        "project",
        "puppet",
        "salt",
        "sketch",
        "spring",
        "swift",
        "rust",
        "teams",
        "word",
        "writing",
    }
)


@dataclass
class _Cached:
    index: SkillIndex
    state: tuple
    loaded_at: float


_cache: _Cached | None = None


def _taxonomy_state() -> tuple:
    skills = Skill.objects.aggregate(n=Count("pk"), top=Max("pk"))
    aliases = SkillAlias.objects.aggregate(n=Count("pk"), top=Max("pk"))
    return skills["n"], skills["top"], aliases["n"], aliases["top"]


def skill_index() -> SkillIndex:
    """The taxonomy's lookup keys, reloaded when the taxonomy changes (or after a while)."""
    global _cache
    now = time.monotonic()
    state = _taxonomy_state()
    if _cache is None or _cache.state != state or now - _cache.loaded_at > INDEX_SECONDS:
        _cache = _Cached(index=SkillIndex.load(), state=state, loaded_at=now)
    return _cache.index


def skill_index_reset() -> None:
    global _cache
    _cache = None


def skills_in_text(text: str, index: SkillIndex | None = None) -> set[int]:
    """Ids of the taxonomy's skills that `text` names, longest phrase first."""
    index = index or skill_index()
    words = [m.group(0).rstrip(".-") for m in _WORD.finditer(text or "")]
    found: set[int] = set()
    start = 0
    while start < len(words):
        matched = 0
        for length in range(min(MAX_WORDS, len(words) - start), 0, -1):
            phrase = words[start : start + length]
            key = compact(" ".join(phrase))
            if length == 1 and not _single_word_counts(phrase[0], key):
                continue
            skill_id = index.keys.get(key)
            if skill_id is not None:
                found.add(skill_id)
                matched = length
                break
        start += matched or 1
    return found


def _single_word_counts(word: str, key: str) -> bool:
    if key in EVERYDAY_WORDS:
        return False
    # Two letters count only as an acronym written in capitals (UX, QA, AI), never "go" or "ui".
    if len(key) <= 2:
        return len(word) == 2 and word.isupper()
    return True

"""Skills named in prose ("I build REST APIs in Django and Postgres") found through the taxonomy.

People describe what they do in sentences more often than in skill lists. The scan looks up
every run of one to four words against the taxonomy's names and aliases, the way the resolver
does for a typed skill, leaving out words that are skills only by coincidence ("go", "express").
"""

import re
import time
from dataclasses import dataclass, field

from django.db.models import Max

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
        "apollo",
        "backbone",
        "chef",
        "ember",
        "excel",
        "expo",
        "express",
        "go",
        "hardhat",
        "helm",
        "hibernate",
        "hive",
        "less",
        "make",
        "markdown",
        "meteor",
        "office",
        "pig",
        "procreate",
        "project",
        "puppet",
        "retool",
        "rust",
        "salt",
        "sketch",
        "sourcing",
        "spring",
        "storybook",
        "swift",
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
    # What each text was found to name: profiles and projects are ranked again and again,
    # and their texts change far less often than they are read.
    found: dict[str, frozenset[int]] = field(default_factory=dict)


_cache: _Cached | None = None


def _taxonomy_state() -> tuple:
    # The newest ids only (read from the primary-key index, not a count over every row): an
    # import or a new alias moves them; a deletion waits for the periodic reload, and until
    # then only means a name that no longer resolves.
    return (
        Skill.objects.aggregate(top=Max("pk"))["top"],
        SkillAlias.objects.aggregate(top=Max("pk"))["top"],
    )


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


MEMO_TEXTS = 50_000


def skills_in_text(text: str, index: SkillIndex | None = None) -> frozenset[int]:
    """Ids of the taxonomy's skills that `text` names, longest phrase first."""
    if index is None:
        index = skill_index()
    memo = _cache.found if _cache is not None and index is _cache.index else None
    if memo is not None and text in memo:
        return memo[text]
    found = _scan(text or "", index)
    if memo is not None:
        if len(memo) >= MEMO_TEXTS:
            memo.clear()
        memo[text] = found
    return found


def _scan(
    text: str, index: SkillIndex, everyday: frozenset[str] = EVERYDAY_WORDS
) -> frozenset[int]:
    """The scan itself; `everyday` are the single words that do not count as skills here."""
    words = [m.group(0).rstrip(".-") for m in _WORD.finditer(text)]
    # compact() of a phrase is the compact() of its words run together, so each word is
    # normalised once rather than once for every phrase it is part of.
    keys = [compact(word) for word in words]
    found: set[int] = set()
    start = 0
    while start < len(words):
        matched = 0
        for length in range(min(MAX_WORDS, len(words) - start), 0, -1):
            key = "".join(keys[start : start + length])
            if length == 1 and not _single_word_counts(words[start], key, everyday):
                continue
            skill_id = index.keys.get(key)
            if skill_id is not None:
                found.add(skill_id)
                matched = length
                break
        start += matched or 1
    return frozenset(found)


def skills_named(text: str, *, index: SkillIndex, everyday: frozenset[str]) -> frozenset[int]:
    """`skills_in_text` for another kind of text, with its own everyday words (no memo):
    in a course title "Excel" is the spreadsheet, in a sentence it may be a verb."""
    return _scan(text or "", index, everyday)


def _single_word_counts(word: str, key: str, everyday: frozenset[str]) -> bool:
    if key in everyday:
        return False
    # Two letters count only as an acronym written in capitals (UX, QA, AI), never "go" or "ui".
    if len(key) <= 2:
        return len(word) == 2 and word.isupper()
    return True

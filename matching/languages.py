"""The spoken languages a project needs, including those it names without saying so.

An employer may tick the languages in the form; many do not, and write "Translate our online
store into Spanish" or ask for the skill "French" instead. A language named in the title or
among the skills is needed. Translation and localisation are language work: the translator
needs every language of the pair, and when the posting names only one, the other is the
language the posting (and so the source text) is written in, Gigwise's own.
"""

import re
from functools import lru_cache

from django.conf import settings

from accounts.models import LANGUAGE_CHOICES

LANGUAGE_WORK = re.compile(r"\b(translat|locali[sz]|transcreat|subtitl)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _names() -> re.Pattern:
    words = sorted((str(name) for _code, name in LANGUAGE_CHOICES), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {str(name).lower(): code for code, name in LANGUAGE_CHOICES}


def posting_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


def languages_needed(
    title: str, skill_names: list[str], chosen: list[str] | None = None
) -> tuple[frozenset[str], bool]:
    """(language codes the project needs, whether it is language work such as translation)."""
    text = " ".join([title, *skill_names])
    named = {_codes()[m.lower()] for m in _names().findall(text)}
    language_work = bool(LANGUAGE_WORK.search(text))
    if language_work and len(named) == 1:
        named.add(posting_language())
    return frozenset(chosen or []) | named, language_work

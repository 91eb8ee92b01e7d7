"""Which of the taxonomy's skills a course teaches, read from its title and subject.

Two steps, the way the catalogue import and `evaluate_course_tags` both run them:

1. Names: every run of one to four words in the title is looked up against the taxonomy's
   names and aliases, as the resolver does for a typed skill ("Learn Symfony 3 framework" →
   Symfony). Latin words glued to another script are split off first ("Excelを使って" → Excel).
   A single everyday word counts only for a skill of Gigwise's own list: O*NET names products
   "Google", "Facebook" or "Everest Software Advanced", so "Advanced Photoshop" must not
   teach the last. Everyday words are those of the encoder's vocabulary; a word in capitals
   still counts ("XML DOM basics"). A language named in the title of a course whose subject
   is not languages is the language it is taught in ("AutoCAD in Urdu") or an adjective
   ("Japanese candlesticks"), not a skill it teaches. The skill named like the course's
   subject ("Web Development") is dropped when the title names others: the subject says it
   already, and the title says what the course teaches within it.
2. Meaning, for what names miss: the title is compared with the names of the curated skills by
   the sentence encoder; the closest one counts when it is close enough, with the similarity as
   its confidence ("Create Animated Gif Advertising Banners" → Banner Design).

A course whose subject lies outside the marketplace (musical instruments) teaches no skill of
it and gets none, whatever its title says. Known subjects are listed in `data/subjects.yaml`;
an unknown subject is read as inside the marketplace and left to the taxonomy.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from accounts.models import LANGUAGE_CHOICES
from matching.encoder import EncoderUnavailable, model_path
from matching.skills_in_text import skill_index, skills_named
from projects.models import Skill
from projects.selectors.skills import SkillIndex
from projects.skill_names import compact, normalise

SUBJECTS_FILE = Path(__file__).resolve().parent / "data" / "subjects.yaml"
# Single words that in a course title are rarely the skill of that name.
TITLE_EVERYDAY_WORDS = frozenset(
    {
        "ant",
        "apollo",
        "chef",
        "complete",
        "expo",
        "go",
        "hive",
        "make",
        "meteor",
        "pig",
        "project",
        "salt",
        "sketch",
        "teams",
    }
)
NAME_CONFIDENCE = 0.9
# Cosine similarity (all-MiniLM-L6-v2) between a title and a skill's name above which the
# skill counts when no name in the title matched; see docs/LEARNING.md for how it was chosen.
MEANING_THRESHOLD = 0.5
MEANING_EXTRA_THRESHOLD = 0.7
# Three or more capitals standing alone: "XML", "GIMP"; not the "ASP" of "ASP.NET".
_ACRONYM = re.compile(r"(?<![\w.])[A-Z][A-Z0-9+#]{2,}(?!\.?\w)")
_LATIN_RUN = re.compile(r"([A-Za-z0-9][A-Za-z0-9+#.\-]*)")


@dataclass(frozen=True)
class CourseText:
    title: str
    subject: str = ""


@dataclass(frozen=True)
class Tag:
    skill_id: int
    confidence: float
    method: str  # CourseSkill.Method: "name" or "meaning"


class SubjectFileError(ValueError):
    """The subjects file is missing or not in the expected shape."""


@cache
def _subjects(path: Path = SUBJECTS_FILE) -> tuple[frozenset[str], frozenset[str]]:
    """(subjects inside the marketplace, subjects outside it), normalised."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SubjectFileError(f"{path}: {error}") from error
    inside, outside = data.get("inside"), data.get("outside")
    if not isinstance(inside, list) or not isinstance(outside, list):
        raise SubjectFileError(f"{path}: expected the lists “inside” and “outside”.")
    return frozenset(map(normalise, inside)), frozenset(map(normalise, outside))


def subject_is_outside(subject: str) -> bool:
    return normalise(subject) in _subjects()[1]


@cache
def everyday_words() -> frozenset[str]:
    """Whole words of the sentence encoder's vocabulary (English words and common names)."""
    try:
        lines = (model_path() / "vocab.txt").read_text(encoding="utf-8").split()
    except (EncoderUnavailable, OSError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha() and w.islower() and len(w) > 2)


def title_index() -> SkillIndex:
    """The taxonomy's keys, without the everyday words (and one- or two-letter codes: "XV" is
    a numeral in a title) that name only a reference product."""
    index = skill_index()
    own = set(Skill.objects.filter(source=Skill.Source.BUILTIN).values_list("id", flat=True))
    common = everyday_words()
    return SkillIndex(
        keys={
            key: pk
            for key, pk in index.keys.items()
            if pk in own
            or (len(key) > 2 and key not in common and key.removesuffix("s") not in common)
        }
    )


def _mostly_latin(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters) >= len(letters) / 2


def _spaced(title: str) -> str:
    """Latin words set apart from a neighbouring script, so the name scan sees them."""
    return _LATIN_RUN.sub(r" \1 ", title)


class CourseTagger:
    """Loaded once per import or evaluation: the taxonomy's keys and the curated skills' vectors."""

    def __init__(self, *, encoder=None):
        self.index = title_index()
        self.full_index = skill_index()
        self.names: dict[int, str] = dict(Skill.objects.values_list("id", "name"))
        languages = {normalise(str(name)) for _code, name in LANGUAGE_CHOICES}
        self.language_ids = frozenset(
            pk for pk, name in self.names.items() if normalise(name) in languages
        )
        self.encoder = encoder
        self.skill_ids: list[int] = []
        self.skill_vectors = np.zeros((0, 0), dtype=np.float32)
        if encoder is not None:
            # The curated skills: what the marketplace itself lists, not every O*NET tool.
            skills = list(
                Skill.objects.filter(source=Skill.Source.BUILTIN).values_list("id", "name")
            )
            self.skill_ids = [pk for pk, _ in skills]
            self.skill_vectors = encoder.encode([name for _, name in skills])

    def tag(self, courses: list[CourseText]) -> list[list[Tag]]:
        """The skills each course teaches, most confident first."""
        found: list[list[Tag]] = []
        inside: list[int] = []
        for n, course in enumerate(courses):
            if subject_is_outside(course.subject):
                found.append([])
                continue
            inside.append(n)
            named = skills_named(
                _spaced(course.title), index=self.index, everyday=TITLE_EVERYDAY_WORDS
            )
            named |= self._acronyms(course.title, named)
            if "language" not in normalise(course.subject):
                named -= self.language_ids  # "in Hindi", "Japanese candlesticks": not taught
            subject_skill = self.index.keys.get(compact(course.subject)) if course.subject else None
            if subject_skill in named and len(named) > 1:
                named = named - {subject_skill}
            found.append([Tag(pk, NAME_CONFIDENCE, "name") for pk in sorted(named)])
        if inside and self.skill_ids:
            self._add_meaning([courses[n] for n in inside], [found[n] for n in inside])
        return found

    def _acronyms(self, title: str, named: frozenset[int]) -> frozenset[int]:
        """Words in capitals name a reference product's skill even when the word is an everyday
        token of the vocabulary ("XML DOM basics" is XML), unless a skill the title already
        names contains it ("SQL" in SQL Server)."""
        found = set()
        for word in _ACRONYM.findall(title):
            key = compact(word)
            pk = self.full_index.keys.get(key)
            if pk is None or key in self.index.keys:
                continue
            if any(key in compact(self.names.get(other, "")) for other in named):
                continue
            found.add(pk)
        return frozenset(found)

    def _add_meaning(self, courses: list[CourseText], found: list[list[Tag]]) -> None:
        """The curated skill closest in meaning to each title, when close enough: closer still
        when the title already names skills, since then it only adds what the names missed."""
        similarity = self.encoder.encode([c.title for c in courses]) @ self.skill_vectors.T
        for row, tags in enumerate(found):
            if not _mostly_latin(courses[row].title):
                continue  # the encoder reads English: an Arabic title would "mean" Arabic
            best = int(np.argmax(similarity[row]))
            value = float(similarity[row, best])
            threshold = MEANING_EXTRA_THRESHOLD if tags else MEANING_THRESHOLD
            skill_id = self.skill_ids[best]
            if value >= threshold and all(tag.skill_id != skill_id for tag in tags):
                tags.append(Tag(skill_id, round(value, 3), "meaning"))

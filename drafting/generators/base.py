"""The one interface every cover-letter generator implements, and the configured one.

A generator receives a `Retrieval` (the freelancer's facts with their sources, skill by skill)
and returns the letter with the sources it stated. It is given nothing else, so a stronger
generator (a local language model, say) can phrase better but cannot learn more about the
freelancer than the template does. ``DRAFTING_GENERATOR`` names the class.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from drafting.retrieval import Retrieval, Source


@dataclass
class Section:
    """What the letter says about one of the project's skills, and where it comes from."""

    skill: str
    required: bool
    has: bool
    sentence: str
    sources: list[str] = field(default_factory=list)  # Source keys

    def as_dict(self) -> dict:
        return {
            "skill": self.skill,
            "required": self.required,
            "has": self.has,
            "sentence": self.sentence,
            "sources": list(self.sources),
        }


@dataclass
class GeneratedDraft:
    text: str
    sections: list[Section]
    sources: list[Source]  # every source the text states, in the order it first uses them


class DraftGenerator(ABC):
    """Writes a first cover letter from retrieved evidence; must not add facts of its own."""

    name: str = ""
    version: str = ""

    @abstractmethod
    def generate(self, retrieval: Retrieval) -> GeneratedDraft:
        """The letter, its skill-by-skill sections and the sources it used."""


@cache
def _generator(path: str) -> DraftGenerator:
    generator = import_string(path)()
    if not isinstance(generator, DraftGenerator):
        raise TypeError(f"{path} does not implement drafting.generators.base.DraftGenerator.")
    return generator


def generator_configured() -> DraftGenerator:
    """The generator named in settings.DRAFTING_GENERATOR, made once per process."""
    return _generator(settings.DRAFTING_GENERATOR)

"""Readers for the skill taxonomy's sources: Gigwise's built-in list, O*NET and ESCO.

Each reader turns one file format into `ReferenceSkill` records and never touches the
database; `projects.services.taxonomy` merges them and writes.
"""

from dataclasses import dataclass, field
from pathlib import Path


class ReferenceFileError(Exception):
    """A source file that cannot be read as documented, with where the problem is."""

    def __init__(self, *, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ReferenceSkill:
    """One skill as a source describes it, before it is merged into the taxonomy."""

    name: str
    aliases: tuple[str, ...] = ()  # other spellings, also used to find an existing skill
    weak_aliases: tuple[str, ...] = ()  # ambiguous ones (acronyms): stored only when free
    category: str | None = None  # slug of a built-in category
    external_id: str = ""
    description: str = ""
    is_hot: bool = False
    is_in_demand: bool = False
    occupations: frozenset[str] = field(default_factory=frozenset)
    # A generic descriptor ("Video editing software"): it may enrich an existing skill it
    # resolves to, but never becomes a skill of its own.
    generic: bool = False

"""Gigwise's own curated taxonomy, shipped in projects/data/taxonomy.yaml."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from projects.skill_names import compact

from . import ReferenceFileError, ReferenceSkill

BUILTIN_TAXONOMY_FILE = Path(__file__).resolve().parent.parent / "data" / "taxonomy.yaml"


@dataclass(frozen=True)
class BuiltinCategory:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class BuiltinTaxonomy:
    categories: tuple[BuiltinCategory, ...]
    skills: tuple[ReferenceSkill, ...]


def _line_of(text: str, needle: str) -> int | None:
    """The first line of the YAML text that mentions `needle`, for error messages."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _skill_entry(entry: object) -> tuple[object, object]:
    if isinstance(entry, dict) and len(entry) == 1:
        ((name, aliases),) = entry.items()
        return name, aliases if aliases is not None else []
    return entry, []


def builtin_taxonomy_read(*, path: Path = BUILTIN_TAXONOMY_FILE) -> BuiltinTaxonomy:
    """The built-in categories and skills, checked: every name and alias unique across the file."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ReferenceFileError(path=path, line=line, message=f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise ReferenceFileError(path=path, line=1, message="expected a `categories:` list")

    categories: list[BuiltinCategory] = []
    skills: list[ReferenceSkill] = []
    owner_of: dict[str, str] = {}  # lookup key -> the skill name that claims it

    def claim(key: str, skill_name: str, text_seen: str) -> None:
        if owner_of.get(key, skill_name) != skill_name:
            raise ReferenceFileError(
                path=path,
                line=_line_of(text, text_seen),
                message=f"{text_seen!r} is already used by the skill {owner_of[key]!r}",
            )
        owner_of[key] = skill_name

    for raw in data["categories"]:
        slug, name = (raw.get("slug"), raw.get("name")) if isinstance(raw, dict) else (None, None)
        if not isinstance(slug, str) or not isinstance(name, str):
            raise ReferenceFileError(
                path=path,
                line=_line_of(text, str(raw)[:30]),
                message="every category needs a slug and a name",
            )
        categories.append(
            BuiltinCategory(slug=slug, name=name, description=str(raw.get("description", "")))
        )
        for entry in raw.get("skills") or []:
            skill_name, aliases = _skill_entry(entry)
            if not isinstance(skill_name, str) or not compact(skill_name):
                raise ReferenceFileError(
                    path=path,
                    line=_line_of(text, str(skill_name)),
                    message=f"skill names must be text, got {skill_name!r} in {slug}",
                )
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ReferenceFileError(
                    path=path,
                    line=_line_of(text, skill_name),
                    message=f"aliases of {skill_name!r} must be a list of text (quote yes/no/on)",
                )
            claim(compact(skill_name), skill_name, skill_name)
            for alias in aliases:
                claim(compact(alias), skill_name, alias)
            skills.append(
                ReferenceSkill(name=skill_name.strip(), aliases=tuple(aliases), category=slug)
            )
    return BuiltinTaxonomy(categories=tuple(categories), skills=tuple(skills))

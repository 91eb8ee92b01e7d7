"""Reads over the skill taxonomy: resolving what people type, and autocomplete."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from projects.models import Skill, SkillAlias
from projects.skill_names import compact, lookup_keys, normalise


def skill_resolve(text: str) -> Skill | None:
    """The Skill a person meant by `text` ("postgres" → PostgreSQL), or None if unknown."""
    keys = lookup_keys(text)
    if not keys:
        return None
    by_name = {s.normalised: s for s in Skill.objects.filter(normalised__in=keys)}
    by_alias = {
        a.alias: a.skill for a in SkillAlias.objects.filter(alias__in=keys).select_related("skill")
    }
    for key in keys:
        if key in by_name:
            return by_name[key]
        if key in by_alias:
            return by_alias[key]
    return None


@dataclass
class SkillIndex:
    """The whole taxonomy's lookup keys in memory, for resolving many texts with two queries."""

    keys: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "SkillIndex":
        keys = dict(SkillAlias.objects.values_list("alias", "skill_id"))
        # A skill's own name wins over another skill's alias with the same key.
        keys.update(Skill.objects.values_list("normalised", "id"))
        return cls(keys=keys)

    def resolve_id(self, text: str) -> int | None:
        for key in lookup_keys(text):
            if key in self.keys:
                return self.keys[key]
        return None

    def split(self, texts: Iterable[str]) -> tuple[list[int], list[str]]:
        """Skill ids for the texts it knows, and the rest kept as free text (deduplicated)."""
        ids: list[int] = []
        free: list[str] = []
        for text in texts:
            skill_id = self.resolve_id(text)
            if skill_id is not None:
                if skill_id not in ids:
                    ids.append(skill_id)
            elif normalise(text) and normalise(text) not in {normalise(f) for f in free}:
                free.append(text.strip())
        return ids, free


def skill_search(*, query: str, limit: int | None = 10) -> QuerySet[Skill]:
    """Skills whose name or an alias starts with (or contains) what was typed, popular first."""
    text = normalise(query)
    if not text:
        return Skill.objects.none()
    key = compact(text)
    matches = (
        Q(name__istartswith=text)
        | Q(normalised__startswith=key)
        | Q(aliases__alias__startswith=key)
    )
    if len(key) >= 3:
        matches |= Q(name__icontains=text)
    found = Skill.objects.filter(matches).select_related("category").distinct().popular_first()
    return found[:limit] if limit else found

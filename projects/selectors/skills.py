"""Reads over the skill taxonomy: resolving what people type, and autocomplete."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Q, QuerySet, When

from projects.models import Skill, SkillAlias, SkillCategory
from projects.models.taxonomy import POPULAR_FIRST
from projects.skill_names import compact, lookup_keys, normalise


def taxonomy_loaded() -> bool:
    """Whether the skill taxonomy has been imported (`import_skills`)."""
    return Skill.objects.exists()


def skill_resolve(text: str) -> Skill | None:
    """The Skill a person meant by `text` ("postgres" → PostgreSQL), or None if unknown."""
    return skills_resolve([text])[0]


def skills_resolve(texts: Iterable[str]) -> list[Skill | None]:
    """The Skill meant by each text (None where unknown), with their categories, in two
    queries whatever the number of texts."""
    keys = [lookup_keys(text) for text in texts]
    wanted = {key for found in keys for key in found}
    if not wanted:
        return [None] * len(keys)
    skills = Skill.objects.select_related("category")
    by_name = {s.normalised: s for s in skills.filter(normalised__in=wanted)}
    by_alias = {
        a.alias: a.skill
        for a in SkillAlias.objects.filter(alias__in=wanted).select_related("skill__category")
    }
    return [
        next((by_name.get(k) or by_alias[k] for k in found if k in by_name or k in by_alias), None)
        for found in keys
    ]


def main_category(skills: Iterable[Skill | None]) -> SkillCategory | None:
    """The category most of the skills belong to (the lowest id on a tie): what a project
    asking for them is about when its employer did not say."""
    known = [s for s in skills if s is not None and s.category_id]
    counts = Counter(s.category_id for s in known)
    if not counts:
        return None
    best = max(counts, key=lambda c: (counts[c], -c))
    return next(s.category for s in known if s.category_id == best)


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
    """Skills whose name or an alias starts with (or contains) what was typed: the closest
    matches first (the name itself, then names starting with it as a word, ...), popular first
    within each, so "React" suggests React Native before Bioreactor Design."""
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
    closeness = Case(
        When(normalised=key, then=0),
        When(name__istartswith=f"{text} ", then=1),
        When(Q(name__istartswith=text) | Q(normalised__startswith=key), then=2),
        When(name__icontains=f" {text}", then=3),
        When(name__icontains=text, then=4),
        default=2,  # an alias starts with it (k8s: Kubernetes)
    )
    found = (
        Skill.objects.filter(matches)
        .select_related("category")
        .distinct()
        .annotate(
            closeness=closeness
        )  # selected: PostgreSQL orders DISTINCT rows by selected columns only
        .order_by("closeness", *POPULAR_FIRST)
    )
    return found[:limit] if limit else found

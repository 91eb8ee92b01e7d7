"""The taxonomy import's working set: the stored taxonomy in memory, sources merged onto it,
then written back with a handful of bulk queries.

Rules, applied in source order (built-in, then O*NET, then ESCO, then O*NET's generic
entries):

- a skill is identified by its lookup key, `compact(name)`;
- a built-in skill always takes its name's key and its aliases;
- a reference skill that resolves to an existing skill (by its name, its version-less or
  ".js"-less name, or for O*NET one of its aliases) enriches that skill instead of
  duplicating it;
- an alias never takes a key that is some skill's own name, and otherwise the first claim
  in this order wins.

Aliases are claimed afresh on every run and stored ones are re-pointed to match, so the
result depends on the sources, not on what an earlier run (or an earlier version of this
code) left behind; a second run over the same sources changes nothing. Stored aliases no
source claims (added by staff) are kept. Nothing is deleted except aliases that a skill's own
name now shadows (the resolvers never reach them); skills may be referenced, so they stay.
"""

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.text import slugify
from tqdm import tqdm

from projects.models import Skill, SkillAlias, SkillCategory
from projects.reference import ReferenceSkill
from projects.reference.builtin import BuiltinCategory
from projects.skill_names import compact, lookup_keys

BUILTIN, ONET, ESCO = Skill.Source.BUILTIN, Skill.Source.ONET, Skill.Source.ESCO
_FIELDS = (
    "name",
    "normalised",
    "category_id",
    "source",
    "external_id",
    "description",
    "is_hot",
    "is_in_demand",
    "occupation_count",
)
_BATCH = 1000
T = TypeVar("T")


@dataclass
class SourceCounts:
    skills_created: int = 0
    skills_updated: int = 0
    skills_merged: int = 0  # reference entries that enriched a skill instead of adding one
    aliases_created: int = 0
    aliases_updated: int = 0


@dataclass
class _Row:
    id: int | None
    slug: str
    values: dict[str, Any]
    original: dict[str, Any] | None = None  # as stored; None for a new skill
    changed_by: str = ""

    def set(self, changed_by: str, /, **values: Any) -> None:
        for name, value in values.items():
            if self.values[name] != value:
                self.values[name] = value
                self.changed_by = changed_by


@dataclass
class _Enrichment:
    is_hot: bool = False
    is_in_demand: bool = False
    occupations: set[str] = field(default_factory=set)


def _chunks(items: Sequence[T], size: int = _BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _slug_base(name: str) -> str:
    text = name.replace("+", " plus ").replace("#", " sharp ")
    if text.startswith("."):
        text = "dot " + text[1:]
    return slugify(text)[:200].strip("-") or "skill"


class TaxonomyMerge:
    """The whole taxonomy in memory: three queries to load, bulk queries to save."""

    def __init__(self, *, progress: bool = False) -> None:
        self.progress = progress
        self.counts: dict[str, SourceCounts] = {}
        self.categories_created = 0
        self.aliases_removed = 0
        self.touched: set[str] = set()  # skills whose reference source refreshed them this run
        self.enrichments: dict[str, tuple[str, _Enrichment]] = {}
        self.category_ids = dict(SkillCategory.objects.values_list("slug", "id"))
        self.skills: dict[str, _Row] = {}
        for stored in Skill.objects.values("id", "slug", *_FIELDS).order_by("id"):
            key = compact(stored["name"])
            if key in self.skills:  # two rows that a newer normalisation folds together
                key = stored["normalised"]
            values = {name: stored[name] for name in _FIELDS}
            self.skills[key] = _Row(id=stored["id"], slug=stored["slug"], values=dict(values))
            self.skills[key].original = values
            self.skills[key].values["normalised"] = key
        self.slugs = {row.slug for row in self.skills.values()}
        self.stored_aliases: dict[str, tuple[int, int]] = {
            alias: (alias_id, skill_id)
            for alias_id, alias, skill_id in SkillAlias.objects.values_list(
                "id", "alias", "skill_id"
            )
        }
        # Claimed in this run: alias key -> (skill key, source that claimed it).
        self.aliases: dict[str, tuple[str, str]] = {}

    # --- categories -------------------------------------------------------------------
    def categories_apply(self, categories: Iterable[BuiltinCategory]) -> None:
        """Create or refresh the built-in categories (there are a dozen or so: saved at once)."""
        stored = list(SkillCategory.objects.all())
        by_slug = {c.slug: c for c in stored}
        by_name = {c.name: c for c in stored}
        new, changed = [], []
        for category in categories:
            # By slug, or by name when staff created it first with another slug.
            row = by_slug.get(category.slug) or by_name.get(category.name)
            values = (category.slug, category.name, category.description)
            if row is None:
                new.append(
                    SkillCategory(
                        slug=category.slug, name=category.name, description=category.description
                    )
                )
            elif (row.slug, row.name, row.description) != values:
                row.slug, row.name, row.description = values
                changed.append(row)
        SkillCategory.objects.bulk_create(new)
        SkillCategory.objects.bulk_update(changed, ["slug", "name", "description"])
        self.categories_created += len(new)
        self.category_ids = dict(SkillCategory.objects.values_list("slug", "id"))

    # --- skills -----------------------------------------------------------------------
    def _owner(self, key: str) -> str | None:
        """The skill key that a lookup key reaches: a name first, then an alias."""
        if key in self.skills:
            return key
        claim = self.aliases.get(key)
        return claim[0] if claim else None

    def _resolve(self, item: ReferenceSkill, *, by_aliases: bool) -> str | None:
        for key in lookup_keys(item.name):
            if owner := self._owner(key):
                return owner
        if by_aliases:
            for alias in item.aliases:
                if owner := self._owner(compact(alias)):
                    return owner
        return None

    def _create(self, item: ReferenceSkill, source: str) -> str:
        key = compact(item.name)
        slug, number = _slug_base(item.name), 2
        base = slug
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        self.skills[key] = _Row(
            id=None,
            slug=slug,
            values={
                "name": item.name,
                "normalised": key,
                "category_id": self.category_ids.get(item.category or ""),
                "source": source,
                "external_id": item.external_id,
                "description": item.description,
                "is_hot": False,
                "is_in_demand": False,
                "occupation_count": 0,
            },
            changed_by=source,
        )
        self.counts[source].skills_created += 1
        return key

    def _claim(self, text: str, owner: str, source: str) -> None:
        key = compact(text)
        if key and key not in self.skills and key not in self.aliases and len(key) <= 200:
            self.aliases[key] = (owner, source)

    def builtin_apply(self, skills: Iterable[ReferenceSkill]) -> None:
        """The curated skills: each owns its name's key and its aliases, whatever was stored."""
        self.counts.setdefault(BUILTIN, SourceCounts())
        for item in skills:
            key = compact(item.name)
            row = self.skills.get(key)
            if row is None:
                key = self._create(item, BUILTIN)
            else:
                category_id = self.category_ids.get(item.category or "")
                row.set(BUILTIN, name=item.name, category_id=category_id, source=BUILTIN)
            for alias in item.aliases:
                self._claim(alias, key, BUILTIN)

    def reference_apply(self, *, source: str, skills: Sequence[ReferenceSkill]) -> None:
        """Skills from a reference file: enrich what they resolve to, add the rest.

        Call it for generic entries last, after every source's named skills, so that a second
        run (which sees the first run's skills and aliases) resolves them exactly the same way.
        """
        counts = self.counts.setdefault(source, SourceCounts())
        label = {ONET: "O*NET", ESCO: "ESCO"}.get(source, source)
        for item in tqdm(
            skills, desc=label, unit=" skills", disable=not self.progress, file=sys.stderr
        ):
            # ESCO synonyms are loose ("unity" for design principles): only its labels match.
            key = self._resolve(item, by_aliases=source != ESCO)
            if key is None:
                if item.generic:
                    continue
                key = self._create(item, source)
                self.touched.add(key)
            elif self.skills[key].values["source"] == source and key not in self.touched:
                # This source's own skill from an earlier run: refresh what the file says.
                self.touched.add(key)
                row = self.skills[key]
                if compact(item.name) == key:
                    row.set(source, name=item.name)
                row.set(
                    source,
                    category_id=self.category_ids.get(item.category or ""),
                    external_id=item.external_id,
                    description=item.description,
                )
            else:
                counts.skills_merged += 1
            if item.occupations or item.is_hot or item.is_in_demand:
                _, enrichment = self.enrichments.setdefault(key, (source, _Enrichment()))
                enrichment.is_hot |= item.is_hot
                enrichment.is_in_demand |= item.is_in_demand
                enrichment.occupations |= item.occupations
            for alias in (item.name, *item.aliases, *item.weak_aliases):
                self._claim(alias, key, source)

    # --- writing ----------------------------------------------------------------------
    def _bar(self, total: int, desc: str) -> tqdm:
        return tqdm(total=total, desc=desc, disable=not self.progress, file=sys.stderr)

    def save(self) -> None:
        """Write the differences: new and changed skills, new and re-pointed aliases."""
        for key, (source, enrichment) in self.enrichments.items():
            self.skills[key].set(
                source,
                is_hot=enrichment.is_hot,
                is_in_demand=enrichment.is_in_demand,
                occupation_count=len(enrichment.occupations),
            )
        new_rows = [row for row in self.skills.values() if row.id is None]
        with self._bar(len(new_rows), "Saving skills") as bar:
            for chunk in _chunks(new_rows):
                Skill.objects.bulk_create(
                    [Skill(slug=row.slug, **row.values) for row in chunk], batch_size=_BATCH
                )
                bar.update(len(chunk))
        changed = [
            row for row in self.skills.values() if row.id is not None and row.values != row.original
        ]
        for row in changed:
            self.counts.setdefault(row.changed_by, SourceCounts()).skills_updated += 1
        Skill.objects.bulk_update(
            [Skill(id=row.id, slug=row.slug, **row.values) for row in changed],
            fields=list(_FIELDS),
            batch_size=500,
        )

        ids = dict(Skill.objects.values_list("normalised", "id"))
        shadowed = [alias_id for key, (alias_id, _) in self.stored_aliases.items() if key in ids]
        for chunk in _chunks(shadowed, 500):
            self.aliases_removed += SkillAlias.objects.filter(id__in=chunk).delete()[0]
        new_aliases, moved_aliases = [], []
        for key, (owner, source) in self.aliases.items():
            stored = self.stored_aliases.get(key)
            counts = self.counts[source]
            if stored is None:
                new_aliases.append(SkillAlias(alias=key, skill_id=ids[owner]))
                counts.aliases_created += 1
            elif stored[1] != ids[owner]:
                moved_aliases.append(SkillAlias(id=stored[0], alias=key, skill_id=ids[owner]))
                counts.aliases_updated += 1
        with self._bar(len(new_aliases), "Saving aliases") as bar:
            for chunk in _chunks(new_aliases):
                SkillAlias.objects.bulk_create(chunk, batch_size=_BATCH)
                bar.update(len(chunk))
        SkillAlias.objects.bulk_update(moved_aliases, fields=["skill"], batch_size=500)

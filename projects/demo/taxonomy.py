"""The slice of the skill taxonomy the demo draws from, read once in a fixed order.

Everything is ordered explicitly (categories by slug, skills most popular first, ties in the
order the curated taxonomy lists them, which is most common first) so that the same seed over
the same taxonomy always plans the same people.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from projects.models import Skill, SkillCategory
from projects.selectors.skills import SkillIndex

from .archetypes import Archetype, archetype_for
from .postings import Posting

# A demo freelancer lists what people hire freelancers for: Gigwise's curated skills first
# (most popular first). With O*NET and ESCO loaded a category also holds thousands of niche
# products ("Epic Systems", "Paisley RiskNavigator"); those only fill a category that has
# too few curated skills, hot and in-demand ones first.
SKILLS_PER_CATEGORY = 40
POPULARITY = ("-is_hot", "-is_in_demand", "-occupation_count")
MIN_CURATED = 8


@dataclass(frozen=True)
class DemoCategory:
    id: int
    name: str
    slug: str
    archetype: Archetype
    skills: tuple[tuple[int, str], ...]  # (id, name), most popular first


@dataclass(frozen=True)
class PostingShape:
    """What a real posting says about a kind of freelancer: a role and skills that go together."""

    title: str
    role: str
    skill_ids: tuple[int, ...]
    free_texts: tuple[str, ...]


@dataclass
class DemoTaxonomy:
    categories: tuple[DemoCategory, ...]
    skill_names: dict[int, str] = field(default_factory=dict)
    shapes: dict[int, tuple[PostingShape, ...]] = field(default_factory=dict)  # by category id

    def category(self, category_id: int) -> DemoCategory:
        return next(c for c in self.categories if c.id == category_id)


def taxonomy_load() -> DemoTaxonomy:
    """Categories that have skills, each with its most popular skills."""
    categories = []
    skill_names: dict[int, str] = {}
    for category in SkillCategory.objects.order_by("slug"):
        in_category = Skill.objects.filter(category=category)
        # Without O*NET's figures every curated skill is equally "popular": the file's own
        # order (HTML, CSS, JavaScript before Algorithms) decides, not the alphabet.
        curated = in_category.filter(source=Skill.Source.BUILTIN).order_by(*POPULARITY, "pk")
        skills = tuple(curated.values_list("id", "name")[:SKILLS_PER_CATEGORY])
        if len(skills) < MIN_CURATED:
            others = in_category.exclude(source=Skill.Source.BUILTIN).order_by(*POPULARITY, "pk")
            skills += tuple(others.values_list("id", "name")[: MIN_CURATED - len(skills)])
        if not skills:
            continue
        skill_names.update(skills)
        categories.append(
            DemoCategory(
                id=category.id,
                name=category.name,
                slug=category.slug,
                archetype=archetype_for(category.name, category.slug),
                skills=skills,
            )
        )
    return DemoTaxonomy(categories=tuple(categories), skill_names=skill_names)


_ROLE = re.compile(
    r"((?:[\w+#./-]+\s+){0,2}(?:analyst|developer|engineer|designer|scientist|specialist|"
    r"consultant|writer|copywriter|marketer|accountant|bookkeeper|assistant|translator|"
    r"strategist|editor|architect|administrator|researcher|manager))\b",
    re.IGNORECASE,
)
_NOT_ROLE_WORDS = {
    "a", "an", "the", "for", "need", "needed", "needs", "looking", "seeking", "hiring", "to",
    "with", "and", "or", "of", "in", "on", "our", "my", "we", "i", "is", "as", "experienced",
    "expert", "senior", "junior", "entry", "level", "-", "/", "&",
}  # fmt: skip


def role_from_title(title: str) -> str:
    """The role a posting asks for ("Looking for a Data Analyst" → "Data Analyst"), or ""."""
    match = _ROLE.search(title)
    if not match:
        return ""
    words = match.group(1).split()
    while words[:-1] and words[0].casefold() in _NOT_ROLE_WORDS:
        words = words[1:]
    if any(w.casefold() in _NOT_ROLE_WORDS for w in words):
        return ""
    role = " ".join(words)
    if role.isupper() or role.islower():
        role = role.title()
    return role[0].upper() + role[1:]


def shapes_attach(taxonomy: DemoTaxonomy, postings: list[Posting]) -> DemoTaxonomy:
    """Group the postings' skill lists by the category most of their known skills fall in."""
    if not postings:
        return taxonomy
    index = SkillIndex.load()
    category_of = {sid: c.id for c in taxonomy.categories for sid, _name in c.skills}
    shapes: dict[int, list[PostingShape]] = {}
    for posting in postings:
        ids, free = index.split(posting.skills)
        known = [sid for sid in ids if sid in category_of]
        if len(known) < 2:
            continue
        counts = Counter(category_of[sid] for sid in known)
        # Most common category; ties go to the one of the first skill listed.
        top = max(counts.values())
        category_id = next(category_of[sid] for sid in known if counts[category_of[sid]] == top)
        shape = PostingShape(
            title=posting.title[:120],
            role=role_from_title(posting.title),
            skill_ids=tuple(known),
            free_texts=tuple(f[:100] for f in free),
        )
        shapes.setdefault(category_id, []).append(shape)
    taxonomy.shapes = {cid: tuple(items) for cid, items in shapes.items()}
    return taxonomy

"""The audit's arithmetic: who is relevant to a project, and each group's selection rate.

Pure functions over the scorer's own view of people and projects (`features.Talent`, `Gig`);
`audit.py` reads the database and stores the run, `report.py` words it.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from accounts.models import SelfDeclaredAttribute
from projects.models import Project

from ..features import Gig, Talent
from ..timezones import REGION_NAMES, shares_working_hours

TOP = 10
FOUR_FIFTHS = 0.8
# Fewer relevant people than this in a group says nothing about the ranking, and would let
# a self-declared answer point at the few people who gave it.
MIN_GROUP_PEOPLE = 5

TENURE, REGION = "tenure", "region"
DIMENSIONS = {
    TENURE: "New or established",
    REGION: "Working region",
    **{
        value: f"{label} (self-declared)"
        for value, label in SelfDeclaredAttribute.Attribute.choices
    },
}
# The same, as the summary's sentence names them: "The Americas (region, ratio 0.62)".
DIMENSION_NOUNS = {
    TENURE: "new or established",
    REGION: "region",
    **{
        value: f"{str(label).lower()}, self-declared"
        for value, label in SelfDeclaredAttribute.Attribute.choices
    },
}
SELF_DECLARED = frozenset(SelfDeclaredAttribute.Attribute.values)
GROUP_LABELS = {
    (TENURE, "new"): "New to Gigwise",
    (TENURE, "established"): "Established",
    **{(REGION, value): label for value, label in REGION_NAMES.items()},
    (REGION, Project.Region.ANY): "Time zone unknown",
}
RARE_ANSWERS = "_rare"
RARE_ANSWERS_LABEL = f"Other answers (fewer than {MIN_GROUP_PEOPLE} people each)"


@dataclass
class GroupFigures:
    """One group's line of the audit; counts are None where they would expose too few people."""

    dimension: str
    group: str
    label: str
    relevant: int | None  # relevant (project, freelancer) pairs
    people: int | None  # distinct relevant freelancers
    in_top: int | None  # of the relevant pairs, those the employer saw
    rate: float | None = None
    ratio: float | None = None  # rate over the best group's rate of the same dimension
    enough_data: bool = False
    flagged: bool = False

    @property
    def dimension_label(self) -> str:
        return DIMENSIONS.get(self.dimension, self.dimension)


@dataclass
class AuditFigures:
    mode: str
    period_start: datetime
    period_end: datetime
    projects: int
    groups: list[GroupFigures] = field(default_factory=list)

    @property
    def relevant_pairs(self) -> int:
        """Every relevant pair is in exactly one tenure group."""
        return sum(g.relevant or 0 for g in self.groups if g.dimension == TENURE)

    @property
    def flagged(self) -> list[GroupFigures]:
        return [g for g in self.groups if g.flagged]


# --- Relevance: decided from skills, hours and languages, never from the ranking --------------


def skills_asked(gig: Gig) -> frozenset:
    """The skills a project asks for: required ones, else its nice-to-haves, else its prose."""
    required = gig.required_ids | gig.required_free
    if required:
        return required
    return (gig.nice_ids | gig.nice_free) or gig.prose_skill_ids


def skills_held(talent: Talent) -> frozenset:
    """Skills listed (through the taxonomy, so aliases meet) or named in the profile's prose."""
    return talent.skill_ids | talent.free_skills | talent.prose_skill_ids


def is_relevant(gig: Gig, talent: Talent) -> bool:
    """Could do the work: at least half the skills asked, the hours, the language, the day.

    Deliberately coarser than the scorer and computed apart from it, so a bias anywhere in the
    score (meaning, level, money, the newcomer boost, or a planted one) shows as exposure.
    """
    asked = skills_asked(gig)
    if not asked or 2 * len(asked & skills_held(talent)) < len(asked):
        return False
    if not shares_working_hours(gig, talent):
        return False
    # No hours stated (0) counts as available, as in the scorer.
    if (
        gig.hours_per_week
        and talent.hours_per_week
        and 2 * talent.hours_per_week < (gig.hours_per_week)
    ):
        return False
    return gig.languages <= talent.languages


def holders_of(talents: Mapping[int, Talent]) -> dict[object, set[int]]:
    """Who holds each skill, so a project is checked only against people holding one it asks."""
    holders = defaultdict(set)
    for talent in talents.values():
        for item in skills_held(talent):
            holders[item].add(talent.id)
    return holders


def relevant_to(gig: Gig, talents: Mapping[int, Talent], holders) -> set[int]:
    candidates = set().union(*(holders.get(item, ()) for item in skills_asked(gig)))
    return {pk for pk in candidates if is_relevant(gig, talents[pk])}


# --- Groups ---------------------------------------------------------------------------------


def _label(dimension: str, group: str) -> str:
    """A self-declared answer reads as the person chose it ("non-binary" as "Non-binary")."""
    return GROUP_LABELS.get((dimension, group)) or group.replace("_", " ").capitalize()


def group_figures(
    pairs: Iterable[tuple[int, bool]], groups: Mapping[int, list[tuple[str, str]]]
) -> list[GroupFigures]:
    """Selection rate, ratio to the best group and flag of each group, from relevant pairs.

    `pairs` has one (profile id, selected) per relevant project-freelancer pair.
    """
    relevant, selected, people = Counter(), Counter(), defaultdict(set)
    for profile_id, shown in pairs:
        for key in groups.get(profile_id, ()):
            relevant[key] += 1
            selected[key] += bool(shown)
            people[key].add(profile_id)
    rows = []
    for dimension in DIMENSIONS:
        keys = sorted(key for key in relevant if key[0] == dimension)
        rows += _dimension_rows(dimension, keys, relevant, selected, people)
    return rows


def _dimension_rows(dimension, keys, relevant, selected, people) -> list[GroupFigures]:
    rows, rare = [], False
    for key in keys:
        enough = len(people[key]) >= MIN_GROUP_PEOPLE
        if not enough and dimension in SELF_DECLARED:
            rare = True  # not named, not counted: it could point at the people who said it
            continue
        rows.append(
            GroupFigures(
                dimension=dimension,
                group=key[1],
                label=_label(dimension, key[1]),
                relevant=relevant[key],
                people=len(people[key]),
                in_top=selected[key],
                rate=round(selected[key] / relevant[key], 4) if enough else None,
                enough_data=enough,
            )
        )
    best = max((row.rate for row in rows if row.enough_data), default=0.0)
    for row in rows:
        if row.enough_data and best > 0:
            row.ratio = round(row.rate / best, 3)
            row.flagged = row.ratio < FOUR_FIFTHS
    if rare:
        rows.append(
            GroupFigures(
                dimension=dimension,
                group=RARE_ANSWERS,
                label=RARE_ANSWERS_LABEL,
                relevant=None,
                people=None,
                in_top=None,
            )
        )
    return rows

"""The scorer: each criterion as a number from 0 to 1, their weighted mean, and the reasons.

Every component keeps the figures it was computed from, so the sentence both sides read
("5 of 6 required skills, including Django and PostgreSQL; $45/h within the $30-50 budget")
says exactly what the number measured.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from accounts.models import LANGUAGE_CHOICES
from projects.money import money_format, money_range

from .features import Gig, Talent
from .timezones import REGION_NAMES, WORKING_DAY, format_offset, overlap_hours
from .weights import NEWCOMER_BOOST, NEWCOMER_MIN_SCORE, Weights

LANGUAGE_NAMES = {code: str(name) for code, name in LANGUAGE_CHOICES}
# Years of experience each level expects: (at least, comfortably).
LEVEL_YEARS = {"entry": (0, 0), "intermediate": (2, 3), "expert": (5, 7)}
PROSE_CREDIT = 0.8  # a skill named in the bio, not listed
# Two skills typed in free text (neither is in the taxonomy) whose words one contains the
# other's, at least two words and half of the longer: "Japanese to English" for "Japanese to
# English translation". Counts like a skill named in the bio (PROSE_CREDIT).
MINOR_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with", "&", "/"})
# A missing skill often named together with one the freelancer has counts for this share of
# the relation's strength (Ochiai, 0.2 to 1): Unity for an Unreal Engine project, partly.
RELATED_CREDIT = 0.5
# A missing skill in the same field (taxonomy category) as one the freelancer lists counts for
# this much when nothing closer covers it: Copywriting for SEO Writing (both Writing & Editing),
# Logo Design for Graphic Design. Co-occurrence is silent on pairs the marketplace has not seen
# together yet; the field still says the freelancer works in that line.
FIELD_CREDIT = 0.2
NICE_TO_HAVE_WEIGHT = 0.5
# Cosine similarity of all-MiniLM-L6-v2 for unrelated texts sits near 0.1, for the same work
# written differently around 0.6; this maps that span onto 0..1.
SEMANTIC_FLOOR, SEMANTIC_SPAN = 0.12, 0.5


@dataclass
class Match:
    """One scored pair; `components` and `reasons` are what both sides are shown."""

    gig_id: int
    talent_id: int
    score: float
    components: dict[str, float]
    reasons: list[str] = field(default_factory=list)
    newcomer_boost: float = 0.0
    # The criterion each reason is about, in the same order ("newcomer" for the boost's).
    reason_keys: list[str] = field(default_factory=list)

    def without_reasons(self, *keys: str) -> "Match":
        """The same match, its score unchanged, without the reasons about `keys`: what a viewer
        is told when the freelancer hides the figure those reasons quote (their rate)."""
        kept = [
            (k, r) for k, r in zip(self.reason_keys, self.reasons, strict=True) if k not in keys
        ]
        return replace(self, reasons=[r for _, r in kept], reason_keys=[k for k, _ in kept])

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons) + "." if self.reasons else ""

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def _usd(amount: float, currency: str, rates: Mapping[str, float]) -> float:
    """`amount` in US dollars through the exchange-rate table the side was loaded with."""
    try:
        return amount * rates[currency]
    except KeyError:
        raise ValueError(f"No exchange rate for the currency “{currency}”.") from None


def _names(ids: set[int], gig: Gig, limit: int = 2) -> str:
    names = sorted(gig.skill_names.get(i, "") for i in ids if gig.skill_names.get(i))
    return " and ".join(names[:limit])


def _count_text(got: int, of: int, noun: str) -> str:
    """ "3 of 4 required skills"; of one, "the required skill" or "not the required skill"."""
    if of == 1:
        return f"the {noun}" if got else f"not the {noun}"
    return f"{got} of {of} {noun}s"


def skills_component(gig: Gig, talent: Talent) -> tuple[float | None, str]:
    required = set(gig.required_ids) | set(gig.required_free)
    nice = (set(gig.nice_ids) | set(gig.nice_free)) - required
    if not required and not nice:
        required = set(gig.prose_skill_ids)
    if not required and not nice:
        return None, ""
    has = set(talent.skill_ids) | set(talent.free_skills)
    nearest = {item: _related_skill(gig, talent, item) for item in required | nice}
    in_field = {item: _skill_in_field(gig, talent, item) for item in required | nice}
    worded = {item for item in required | nice if _free_text_match(item, talent.free_skills)}
    partly = set(talent.prose_skill_ids) | worded

    def credit(item) -> float:
        if item in has:
            return 1.0
        related = RELATED_CREDIT * nearest[item][1]
        field_credit = FIELD_CREDIT if in_field[item] is not None else 0.0
        return max(related, field_credit, PROSE_CREDIT if item in partly else 0.0)

    got_required = {item for item in required if item in has or item in partly}
    total = sum(credit(item) for item in required)
    total += NICE_TO_HAVE_WEIGHT * sum(credit(item) for item in nice)
    value = total / (len(required) + NICE_TO_HAVE_WEIGHT * len(nice))
    if not required:
        listed = [i for i in nice if i in has or i in talent.prose_skill_ids]
        return value, _count_text(len(listed), len(nice), "listed skill")
    reason = _count_text(len(got_required), len(required), "required skill")
    named = _names({i for i in got_required if isinstance(i, int)}, gig)
    missing = _names({i for i in required - got_required if isinstance(i, int)}, gig, limit=1)
    if len(required) == 1:
        reason += f", {named or missing}" if named or missing else ""
    elif named:
        reason += f", including {named}"
    if len(required) > 1 and missing and len(got_required) < len(required):
        reason += f" (not {missing})"
    uncovered = sorted(required - got_required, key=str)
    return value, reason + _closest(
        gig, talent, uncovered, nearest, in_field, alone=not got_required
    )


def _closest(
    gig: Gig, talent: Talent, missing: list, nearest: dict, in_field: dict, *, alone: bool
) -> str:
    """What partly covers the first missing skill that something covers: a skill often asked
    for with it or, when the freelancer has none of the skills asked for (`alone`), one of
    theirs in the same field. Beside skills they do have, the field says little worth reading."""
    for item in missing:
        other, strength = nearest[item]
        if strength:
            return (
                f"; {talent.skill_names.get(other, 'a related skill')} is often asked for "
                f"with {gig.skill_names.get(item, 'it')}"
            )
    for item in missing if alone else ():
        other = in_field[item]
        if other is not None:
            field_name = gig.skill_fields[item][1]
            return (
                f"; {talent.skill_names.get(other, 'a skill of theirs')} is in the same field "
                f"as {gig.skill_names.get(item, 'it')} ({field_name})"
            )
    return ""


def _skill_in_field(gig: Gig, talent: Talent, item) -> int | None:
    """One of the freelancer's listed skills in the same field as `item`, if any."""
    field = gig.skill_fields.get(item) if isinstance(item, int) else None
    return talent.skill_in_field.get(field[0]) if field else None


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split()) - MINOR_WORDS


def _free_text_match(item, free_skills: frozenset[str]) -> bool:
    """Whether a free-text skill the project asks for is worded within one the freelancer typed
    (or the other way round): at least two words in common, half of the longer one's words."""
    if not isinstance(item, str) or item in free_skills:
        return False
    asked = _words(item)
    for typed in map(_words, free_skills):
        shorter, longer = sorted((asked, typed), key=len)
        if len(shorter) >= 2 and shorter <= longer and 2 * len(shorter) >= len(longer):
            return True
    return False


def _related_skill(gig: Gig, talent: Talent, item) -> tuple[int | None, float]:
    """The freelancer's skill most often named together with `item`, and how strongly."""
    if not isinstance(item, int):
        return None, 0.0
    others = gig.related.get(item, {})
    best = max((s for s in talent.skill_ids if s in others), key=others.get, default=None)
    return best, (others[best] if best is not None else 0.0)


def level_component(gig: Gig, talent: Talent) -> tuple[float, str]:
    least, comfortable = LEVEL_YEARS.get(gig.experience_level, (0, 0))
    years = talent.years_experience
    if years >= comfortable:
        value = 1.0
    elif years >= least:
        value = 0.75
    else:
        value = max(0.1, 0.5 * years / max(least, 1))
    if gig.experience_level == "entry" and years >= 8:
        value = 0.85  # likely to cost more and stay less long than the client hopes
    label = f"{years} year{'s' if years != 1 else ''}"
    return value, f"{label} for an {gig.experience_level}-level project"


def _hourly_budget(gig: Gig) -> tuple[float, float]:
    """The budget as an hourly range in the project's currency (fixed: over its likely hours)."""
    if gig.budget_type == "hourly":
        return gig.budget_min, gig.budget_max
    hours = max(1, gig.duration_weeks) * (gig.hours_per_week or 15)
    return gig.budget_min / hours, gig.budget_max / hours


def rate_component(gig: Gig, talent: Talent) -> tuple[float | None, str]:
    if not talent.hourly_rate or gig.budget_max <= 0:
        return None, ""
    rate = _usd(talent.hourly_rate, talent.currency, talent.usd_rates)
    low, high = (_usd(v, gig.currency, gig.usd_rates) for v in _hourly_budget(gig))
    shown = f"{money_format(talent.hourly_rate, talent.currency)}/h"
    budget = money_range(gig.budget_min, max(gig.budget_min, gig.budget_max), gig.currency)
    if gig.budget_type == "hourly":
        if rate <= high * 1.0001:
            return (1.0 if rate >= low * 0.6 else 0.85), f"{shown} within the {budget}/h budget"
        over = rate / high - 1
        return max(0.0, 1 - 2 * over), f"{shown}, above the {budget}/h budget"
    # Fixed price: the budget spread over the likely hours is only an estimate, so the
    # penalty starts later and falls more gently.
    if rate <= high * 1.5:
        return 1.0, f"{shown} for a {budget} fixed budget"
    over = rate / (high * 1.5) - 1
    return max(0.0, 1 - over), f"{shown}, high for a {budget} fixed budget"


def availability_component(gig: Gig, talent: Talent) -> tuple[float | None, str]:
    if not gig.hours_per_week:
        return None, ""
    if not talent.hours_per_week:
        return 0.5, ""
    if talent.hours_per_week >= gig.hours_per_week:
        return 1.0, f"{talent.hours_per_week} h/week available ({gig.hours_per_week} needed)"
    value = talent.hours_per_week / gig.hours_per_week
    return value, f"only {talent.hours_per_week} of the {gig.hours_per_week} h/week needed"


def language_component(gig: Gig, talent: Talent) -> tuple[float | None, str]:
    if not gig.languages:
        return None, ""
    spoken = gig.languages & talent.languages
    value = len(spoken) / len(gig.languages)
    if value == 1:
        return value, "speaks " + _languages(spoken)
    return value, "does not speak " + _languages(gig.languages - talent.languages)


def _languages(codes) -> str:
    return " and ".join(sorted(LANGUAGE_NAMES.get(code, code) for code in codes))


def timezone_component(gig: Gig, talent: Talent) -> tuple[float | None, str]:
    hours = overlap_hours(talent.utc_offset, gig.region)
    if hours is None:
        return None, ""
    region = REGION_NAMES.get(gig.region, gig.region)
    where = format_offset(talent.utc_offset)
    if hours >= WORKING_DAY:
        return 1.0, f"works in {region} hours ({where})"
    if not hours:
        return 0.0, f"no working-day overlap with {region} ({where})"
    return hours / WORKING_DAY, f"{hours:g} h of working-day overlap with {region} ({where})"


def preferences_component(gig: Gig, talent: Talent) -> tuple[float, str]:
    value, notes = 1.0, []
    if talent.budget_preference in {"fixed", "hourly"} and talent.budget_preference != (
        gig.budget_type
    ):
        value *= 0.4
        notes.append(f"prefers {talent.budget_preference} projects")
    below_minimum = talent.min_rate and _usd(
        talent.min_rate, talent.currency, talent.usd_rates
    ) > _usd(gig.budget_max, gig.currency, gig.usd_rates)
    if below_minimum and gig.budget_type == "hourly":
        value *= 0.4
        notes.append("budget under the freelancer's minimum rate")
    size = "small" if gig.duration_weeks <= 1 else "large" if gig.duration_weeks > 12 else "medium"
    if talent.project_size not in {"any", "", size}:
        value *= 0.75
    if talent.category_ids and gig.category_id and gig.category_id not in talent.category_ids:
        value *= 0.85
    return value, "; ".join(notes)


# TF-IDF cosine of two texts about the same work is rarely above 0.35.
KEYWORD_SPAN = 0.35


def keyword_component(overlap: float | None) -> tuple[float | None, str]:
    if overlap is None:
        return None, ""
    return min(1.0, overlap / KEYWORD_SPAN), ""


def semantic_component(similarity: float | None) -> tuple[float | None, str]:
    if similarity is None:
        return None, ""
    value = min(1.0, max(0.0, (similarity - SEMANTIC_FLOOR) / SEMANTIC_SPAN))
    return value, ("the profile describes this kind of work" if value >= 0.7 else "")


COMPONENTS = {
    "skills": skills_component,
    "level": level_component,
    "rate": rate_component,
    "availability": availability_component,
    "language": language_component,
    "timezone": timezone_component,
    "preferences": preferences_component,
}
# The order reasons are read in: skills first, then money, level, time and language.
REASON_ORDER = [
    "skills",
    "rate",
    "level",
    "availability",
    "language",
    "timezone",
    "preferences",
    "semantic",
]


RELEVANCE = ("semantic", "skills", "keywords")


def _weighted_mean(values: dict[str, float], names, weights: Weights) -> float | None:
    present = [name for name in names if name in values]
    weight_sum = sum(weights.of(name) for name in present)
    if not weight_sum:
        return None
    return sum(weights.of(name) * values[name] for name in present) / weight_sum


def combine(values: dict[str, float], weights: Weights) -> float:
    """Relevance (meaning, skills) scaled by practical fit (level, money, time, language, wishes).

    Fit can lower a relevant match by up to its share of the weights, but it cannot lift an
    unrelated one: a project with the right budget and nothing else in common stays low.
    """
    relevance = _weighted_mean(values, RELEVANCE, weights)
    practical = [name for name in values if name not in RELEVANCE]
    fit = _weighted_mean(values, practical, weights)
    if relevance is None:
        return fit or 0.0
    if fit is None:
        return relevance
    share = weights.fit_share
    return relevance * (1 - share + share * fit)


def score(
    gig: Gig,
    talent: Talent,
    *,
    similarity: float | None,
    weights: Weights,
    keywords: float | None = None,
    boost_newcomers: bool = True,
) -> Match:
    """Score one pair: the weighted mean of the criteria that apply, plus any newcomer boost."""
    values: dict[str, float] = {}
    reasons: dict[str, str] = {}
    computed = {name: fn(gig, talent) for name, fn in COMPONENTS.items()}
    computed["semantic"] = semantic_component(similarity)
    computed["keywords"] = keyword_component(keywords)
    for name, (value, reason) in computed.items():
        if value is not None:
            values[name] = round(value, 4)
        if reason:
            reasons[name] = reason
    base = combine(values, weights)
    if gig.language_work and "language" in values:
        # A translator without one of the pair cannot do the work, however close the words.
        base *= values["language"]
    boost = 0.0
    if boost_newcomers and talent.is_new and base >= NEWCOMER_MIN_SCORE:
        boost = NEWCOMER_BOOST
    keys = [name for name in REASON_ORDER if name in reasons]
    ordered = [reasons[name] for name in keys]
    if boost:
        keys.append("newcomer")
        ordered.append("new to Gigwise (newcomers with a relevant profile get a small boost)")
    return Match(
        gig_id=gig.id,
        talent_id=talent.id,
        score=round(min(1.0, base + boost), 4),
        components=values,
        reasons=ordered,
        newcomer_boost=boost,
        reason_keys=keys,
    )

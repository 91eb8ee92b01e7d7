"""What the estimator learns from and answers about: one posting, in the evaluation file's terms.

A posting is a project as an employer describes it (title, description, skills, category, level,
budget type, duration, hours a week) and, when known, what it paid: `amount`, the fixed price or
the hourly rate in US dollars. Files, the platform's projects and the reference job postings are
all turned into postings, so training and evaluation go through the same code.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any

BUDGET_TYPES = ("fixed", "hourly")
LEVELS = ("entry", "intermediate", "expert")

# Upwork's duration buckets in weeks (the middle of each range; "6+ months" as about 7 months).
_DURATION_WORDS = {
    "less than a week": 1,
    "less than 1 week": 1,
    "less than 1 month": 2,
    "< 1 month": 2,
    "1 to 3 months": 8,
    "1-3 months": 8,
    "3 to 6 months": 18,
    "3-6 months": 18,
    "more than 6 months": 30,
    "6+ months": 30,
}
_HOURS_WORDS = {"less than 30": 15, "more than 30": 35, "as needed": 10, "full time": 40}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_UNIT_WEEKS = {"day": 1 / 7, "week": 1, "month": 4.35, "year": 52}


@dataclass(frozen=True)
class Posting:
    title: str
    description: str = ""
    skills: tuple[str, ...] = ()
    category: str | None = None
    experience_level: str | None = None
    budget_type: str = "fixed"
    amount: float | None = None  # US dollars: the fixed price or the hourly rate
    duration_weeks: float | None = None
    hours_per_week: float | None = None
    id: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def text(self) -> str:
        """Title, skills and description, the way the text features read them."""
        skills = ", ".join(self.skills)
        return f"{self.title}. {skills}. {self.description}".strip()


def positive_number(value: Any) -> float | None:
    """A finite number above zero, or None (null, empty, text that is not a number)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).replace(",", "").lstrip("$").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def duration_in_weeks(value: Any) -> float | None:
    """Weeks from a number or from words like "1 to 3 months", "< 1 month", "6+ months"."""
    number = positive_number(value)
    if number is not None or not isinstance(value, str):
        return number
    words = " ".join(value.lower().split())
    if words in _DURATION_WORDS:
        return float(_DURATION_WORDS[words])
    numbers = [float(n) for n in _NUMBER.findall(words)]
    unit = next((weeks for name, weeks in _UNIT_WEEKS.items() if name in words), None)
    if not numbers or unit is None:
        return None
    return max(1.0, sum(numbers) / len(numbers) * unit)


def hours_a_week(value: Any) -> float | None:
    """Hours from a number or from words like "Less than 30", "More than 30"."""
    number = positive_number(value)
    if number is not None or not isinstance(value, str):
        return number
    words = " ".join(value.lower().replace("hrs/week", "").split())
    if words in _HOURS_WORDS:
        return float(_HOURS_WORDS[words])
    numbers = [float(n) for n in _NUMBER.findall(words)]
    return sum(numbers) / len(numbers) if numbers else None


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def level_name(value: Any) -> str | None:
    """The level ("entry", "intermediate", "expert") from any spelling, e.g. "Entry level"."""
    words = _text(value).lower()
    return next((level for level in LEVELS if words.startswith(level[:5])), None)


def budget_type_name(value: Any) -> str | None:
    words = _text(value).lower()
    if words.startswith("hour"):
        return "hourly"
    if words.startswith("fixed"):
        return "fixed"
    return None


def posting_from_record(record: dict, *, amount: float | None = None) -> Posting | None:
    """A posting from one item of an evaluation file; None when it has no usable budget type.

    Missing or malformed fields become empty, never an error: files come from many sources.
    """
    budget_type = budget_type_name(record.get("budget_type"))
    if budget_type is None:
        return None
    skills = record.get("skills") or []
    if isinstance(skills, str):
        skills = skills.split(",")
    category = _text(record.get("category")) or None
    return Posting(
        id=str(record.get("id", "")),
        title=_text(record.get("title")),
        description=_text(record.get("description")),
        skills=tuple(dict.fromkeys(_text(s) for s in skills if _text(s))),
        category=category,
        experience_level=level_name(record.get("experience_level")),
        budget_type=budget_type,
        amount=positive_number(record.get("amount")) if amount is None else amount,
        duration_weeks=duration_in_weeks(record.get("duration_weeks")),
        hours_per_week=hours_a_week(record.get("hours_per_week")),
        extra={"public": record.get("public", True) is not False},
    )

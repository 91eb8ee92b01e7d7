"""Readers for the course catalogue's sources: Gigwise's built-in list and Udemy's file.

Each reader turns one file into `CourseRecord`s and never touches the database;
`learning.services.courses_import` writes them. A file that cannot be read as documented
(missing, not YAML or CSV, columns missing) raises `ReferenceFileError` naming the file and
line; a single row with a value that makes no sense (a price of "abc") is skipped and reported
with its line, so one bad row does not keep three thousand good ones out.
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from projects.reference import ReferenceFileError

from .models import Level

BUILTIN_FILE = Path(__file__).resolve().parent / "data" / "courses.yaml"
UDEMY_FILE = "udemy_courses.csv"
UDEMY_COLUMNS = (
    "course_id",
    "course_title",
    "url",
    "is_paid",
    "price",
    "num_subscribers",
    "level",
    "content_duration",
    "subject",
    "Average_rating",
)
UDEMY_LEVELS = {
    "all levels": Level.ALL,
    "beginner level": Level.BEGINNER,
    "intermediate level": Level.INTERMEDIATE,
    "expert level": Level.EXPERT,
}


@dataclass(frozen=True)
class CourseRecord:
    """One course as a source describes it; `skills` are (name, confidence) set by hand."""

    source: str
    external_id: str
    provider: str
    title: str
    url: str
    level: str = Level.ALL
    is_free: bool = False
    price: Decimal = Decimal("0")
    currency: str = "USD"
    hours: Decimal | None = None
    rating: Decimal | None = None
    learners: int | None = None
    language: str = ""
    subject: str = ""
    description: str = ""
    skills: tuple[tuple[str, float], ...] = ()


@dataclass
class ReadResult:
    records: list[CourseRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "line 17: ..." for each row left out


class RowError(ValueError):
    """One row's value that cannot be used; the row is skipped."""


def _decimal(
    value, what: str, *, maximum: Decimal | None = None, places: str = "0.01"
) -> Decimal | None:
    """A non-negative number rounded as the model stores it (so a re-import compares equal)."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise RowError(f"{what} {value!r} is not a number") from None
    if not number.is_finite() or number < 0 or (maximum is not None and number > maximum):
        raise RowError(f"{what} {value!r} is out of range")
    return number.quantize(Decimal(places))


def _url(value) -> str:
    text = str(value or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RowError(f"url {text!r} is not a web address")
    return text


def _text(value, what: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise RowError(f"{what} is empty")
    return text[:limit]


def _builtin_skills(value) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, list) or not value:
        raise RowError("skills must be a non-empty list")
    skills = []
    for item in value:
        if isinstance(item, str):
            skills.append((item, 1.0))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            confidence = float(item.get("confidence", 1.0))
            if not 0 < confidence <= 1:
                raise RowError(f"confidence of {item['name']!r} must be in (0, 1]")
            skills.append((item["name"], confidence))
        else:
            raise RowError(f"skill {item!r} is neither a name nor {{name, confidence}}")
    return tuple(skills)


def _builtin_record(entry) -> CourseRecord:
    if not isinstance(entry, dict):
        raise RowError("an entry must be a mapping")
    level = str(entry.get("level", Level.ALL))
    if level not in Level.values:
        raise RowError(f"level {level!r} is not one of {', '.join(Level.values)}")
    price = _decimal(entry.get("price", 0), "price") or Decimal("0")
    return CourseRecord(
        source="builtin",
        external_id=_text(entry.get("key"), "key", 64),
        provider=_text(entry.get("provider"), "provider", 120),
        title=_text(entry.get("title"), "title", 300),
        url=_url(entry.get("url")),
        level=level,
        is_free=price == 0,
        price=price,
        currency=str(entry.get("currency", "USD")).upper(),
        hours=_decimal(entry.get("hours"), "hours", places="0.1"),
        language=str(entry.get("language", "en")),
        description=" ".join(str(entry.get("description", "")).split()),
        skills=_builtin_skills(entry.get("skills")),
    )


def builtin_courses_read(path: Path | None = None) -> ReadResult:
    """Gigwise's own catalogue. Its entries are written by hand, so any bad one is an error."""
    path = path or BUILTIN_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReferenceFileError(path=path, line=None, message=str(error)) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ReferenceFileError(path=path, line=line, message="not valid YAML") from error
    entries = data.get("courses") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ReferenceFileError(path=path, line=None, message="expected a list “courses”")
    result = ReadResult()
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        try:
            record = _builtin_record(entry)
        except RowError as error:
            raise ReferenceFileError(path=path, line=None, message=f"course {n}: {error}") from None
        if record.external_id in seen:
            raise ReferenceFileError(
                path=path, line=None, message=f"course {n}: key {record.external_id!r} repeats"
            )
        seen.add(record.external_id)
        result.records.append(record)
    return result


def _udemy_record(row: dict) -> CourseRecord:
    course_id = _text(row.get("course_id"), "course_id", 64)
    if not course_id.isdigit():
        raise RowError(f"course_id {course_id!r} is not a number")
    paid = str(row.get("is_paid", "")).strip().upper()
    if paid not in ("TRUE", "FALSE"):
        raise RowError(f"is_paid {row.get('is_paid')!r} is neither TRUE nor FALSE")
    price = _decimal(row.get("price"), "price") or Decimal("0")
    level = UDEMY_LEVELS.get(" ".join(str(row.get("level", "")).lower().split()), Level.ALL)
    learners = _decimal(row.get("num_subscribers"), "num_subscribers")
    return CourseRecord(
        source="udemy",
        external_id=course_id,
        provider="Udemy",
        title=_text(row.get("course_title"), "course_title", 300),
        url=_url(row.get("url")),
        level=level,
        is_free=paid == "FALSE",
        price=Decimal("0") if paid == "FALSE" else price,
        hours=_decimal(row.get("content_duration"), "content_duration", places="0.1"),
        rating=_decimal(row.get("Average_rating"), "Average_rating", maximum=Decimal("5")),
        learners=int(learners) if learners is not None else None,
        subject=" ".join(str(row.get("subject", "")).split()),
    )


def udemy_courses_read(path: Path) -> ReadResult:
    """Udemy's public catalogue (see ../shared/data/PROVENANCE.md); `course_id` is the key."""
    result = ReadResult()
    seen: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in UDEMY_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ReferenceFileError(
                    path=path, line=1, message=f"missing columns: {', '.join(missing)}"
                )
            for row in reader:
                try:
                    record = _udemy_record(row)
                except RowError as error:
                    result.skipped.append(f"line {reader.line_num}: {error}")
                    continue
                if record.external_id not in seen:
                    seen.add(record.external_id)
                    result.records.append(record)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ReferenceFileError(path=path, line=None, message=str(error)) from error
    return result

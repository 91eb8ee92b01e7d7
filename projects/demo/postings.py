"""Read the real job postings in GIGWISE_DATA_DIR (upwork_jobs_sample.json), when present.

The file is reference data outside the repository (see ../shared/data/PROVENANCE.md): the
demo uses its titles and skill lists to shape realistic profiles, and the marketplace-core
issue will seed projects from it. Without the file there are simply no postings.
"""

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

POSTINGS_FILE = "upwork_jobs_sample.json"


class PostingsFileError(ValueError):
    """The postings file exists but cannot be read as a list of postings."""


@dataclass(frozen=True)
class Posting:
    job_id: str
    title: str
    description: str
    skills: tuple[str, ...]
    experience_level: str  # "Entry", "Intermediate", "Expert" or ""
    project_type: str
    duration: str
    hours_per_week: str
    min_hourly_rate: Decimal | None
    max_hourly_rate: Decimal | None
    fixed_price: Decimal | None


def _money(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").lstrip("$"))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 else None


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def posting_from_dict(row: dict) -> Posting | None:
    """One posting from the file's JSON object, or None when it has no title."""
    title = _text(row.get("title"))
    if not title:
        return None
    skills = row.get("skills") or []
    return Posting(
        job_id=_text(row.get("job_id")),
        title=title,
        description=_text(row.get("description")),
        skills=tuple(dict.fromkeys(s.strip() for s in skills if isinstance(s, str) and s.strip())),
        experience_level=_text(row.get("experience_level")),
        project_type=_text(row.get("project_type")),
        duration=_text(row.get("duration")),
        hours_per_week=_text(row.get("hours_per_week")),
        min_hourly_rate=_money(row.get("min_hourly_rate")),
        max_hourly_rate=_money(row.get("max_hourly_rate")),
        fixed_price=_money(row.get("fixed_price")),
    )


def postings_load(data_dir: Path | str | None) -> list[Posting]:
    """The postings in `data_dir`, in file order; an empty list when the file is not there."""
    if not data_dir:
        return []
    path = Path(data_dir) / POSTINGS_FILE
    if not path.is_file():
        return []
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PostingsFileError(f"Cannot read job postings from {path}: {exc}") from exc
    if not isinstance(rows, list):
        raise PostingsFileError(f"{path} should hold a JSON list of postings.")
    postings = (posting_from_dict(row) for row in rows if isinstance(row, dict))
    return [p for p in postings if p is not None]

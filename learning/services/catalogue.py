"""Writing the course catalogue: the built-in list, and Udemy's file when it is there.

`courses_import` reads every source first (a malformed file stops it before anything is
written), tags the courses that come without skills, then writes in one transaction: courses
are keyed by (source, external_id), so a second run updates instead of duplicating, and only
rows whose values changed are written. Skills set by hand (the built-in list, or staff in the
admin) are never replaced by the tagger's.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from tqdm import tqdm

from matching.encoder import encoder_or_none
from projects.reference import ReferenceFileError
from projects.selectors.skills import SkillIndex

from .. import catalogue
from ..catalogue import (
    UDEMY_FILE,
    CourseRecord,
    builtin_courses_read,
    udemy_courses_read,
)
from ..models import Course, CourseSkill
from ..tagging import CourseTagger, CourseText, subject_is_outside

COURSE_FIELDS = (
    "provider",
    "title",
    "url",
    "level",
    "is_free",
    "price",
    "currency",
    "hours",
    "rating",
    "learners",
    "language",
    "subject",
    "description",
)
TAG_BATCH = 256
MAX_NOTICES = 5


@dataclass
class CatalogueReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    outside: int = 0  # courses of subjects outside the marketplace, left out
    skipped: list[str] = field(default_factory=list)  # rows that could not be read
    skills_set: int = 0
    untagged: int = 0  # imported courses with no skill found
    notices: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"Courses: {self.created} created, {self.updated} updated, {self.unchanged} "
            f"unchanged; {self.skills_set} course skills written; {self.untagged} courses "
            f"with no skill found; {self.outside} outside the marketplace left out"
        )
        if self.skipped:
            shown = "; ".join(self.skipped[:MAX_NOTICES])
            more = len(self.skipped) - MAX_NOTICES
            shown += f"; {more} more" if more > 0 else ""
            text += f"; {len(self.skipped)} rows skipped ({shown})"
        return text + "."


class SkillsMissing(ReferenceFileError):
    """A hand-set skill of the built-in catalogue that the taxonomy does not know."""


def _hand_skills(records: list[CourseRecord], path: Path) -> dict[str, list[tuple[int, float]]]:
    index = SkillIndex.load()
    found, unknown = {}, []
    for record in records:
        found[record.external_id] = []
        for name, confidence in record.skills:
            skill_id = index.resolve_id(name)
            if skill_id is None:
                unknown.append(f"{record.external_id}: {name}")
            else:
                found[record.external_id].append((skill_id, confidence))
    if unknown:
        raise SkillsMissing(
            path=path,
            line=None,
            message="skills the taxonomy does not know (run `manage.py import_skills` "
            f"first?): {', '.join(unknown[:10])}",
        )
    return found


def _tagged(
    records: list[CourseRecord], *, progress: bool
) -> dict[str, list[tuple[int, float, str]]]:
    tagger = CourseTagger(encoder=encoder_or_none())
    found: dict[str, list[tuple[int, float, str]]] = {}
    bar = tqdm(total=len(records), desc="Tagging courses", unit="course", disable=not progress)
    for start in range(0, len(records), TAG_BATCH):
        batch = records[start : start + TAG_BATCH]
        tags = tagger.tag([CourseText(r.title, r.subject) for r in batch])
        for record, course_tags in zip(batch, tags, strict=True):
            found[record.external_id] = [(t.skill_id, t.confidence, t.method) for t in course_tags]
        bar.update(len(batch))
    bar.close()
    return found


def _values(record: CourseRecord) -> dict:
    return {name: getattr(record, name) for name in COURSE_FIELDS}


def _courses_write(records: list[CourseRecord], report: CatalogueReport) -> dict[str, Course]:
    """Create or update the courses of one source; returns them by external id."""
    if not records:
        return {}
    source = records[0].source
    existing = {c.external_id: c for c in Course.objects.filter(source=source)}
    new, changed = [], []
    for record in records:
        values = _values(record)
        course = existing.get(record.external_id)
        if course is None:
            new.append(Course(source=source, external_id=record.external_id, **values))
        elif any(getattr(course, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(course, name, value)
            changed.append(course)
    Course.objects.bulk_create(new, batch_size=500)
    Course.objects.bulk_update(changed, [*COURSE_FIELDS, "updated_at"], batch_size=500)
    report.created += len(new)
    report.updated += len(changed)
    report.unchanged += len(records) - len(new) - len(changed)
    keys = [r.external_id for r in records]
    return {c.external_id: c for c in Course.objects.filter(source=source, external_id__in=keys)}


def _skills_write(
    courses: dict[str, Course], skills: dict[str, list[tuple[int, float, str]]], *, replace: str
) -> int:
    """Set each course's skills of the given kind (`hand` or the tagger's) to `skills`."""
    tagger_methods = [CourseSkill.Method.NAME, CourseSkill.Method.MEANING]
    methods = [CourseSkill.Method.HAND] if replace == "hand" else tagger_methods
    ids = [c.pk for c in courses.values()]
    current = {
        (row.course_id, row.skill_id): row for row in CourseSkill.objects.filter(course_id__in=ids)
    }
    wanted = {
        (courses[key].pk, skill_id): (confidence, method)
        for key, rows in skills.items()
        for skill_id, confidence, method in rows
    }
    stale = [
        row.pk for pair, row in current.items() if row.method in methods and pair not in wanted
    ]
    CourseSkill.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for (course_id, skill_id), (confidence, method) in wanted.items():
        row = current.get((course_id, skill_id))
        if row is None:
            new.append(
                CourseSkill(
                    course_id=course_id, skill_id=skill_id, confidence=confidence, method=method
                )
            )
        elif row.method in methods and (row.confidence, row.method) != (confidence, method):
            row.confidence, row.method = confidence, method
            changed.append(row)
    CourseSkill.objects.bulk_create(new, batch_size=1000)
    CourseSkill.objects.bulk_update(changed, ["confidence", "method"], batch_size=1000)
    return len(new) + len(changed)


def courses_import(
    *, data_dir: Path | None = None, builtin_only: bool = False, progress: bool = False
) -> CatalogueReport:
    """Import the built-in catalogue and, unless told not to, Udemy's file from `data_dir`."""
    report = CatalogueReport()
    builtin = builtin_courses_read()
    hand = _hand_skills(builtin.records, catalogue.BUILTIN_FILE)
    udemy_records: list[CourseRecord] = []
    if not builtin_only:
        folder = Path(data_dir or settings.GIGWISE_DATA_DIR)
        path = folder / UDEMY_FILE
        if path.is_file():
            read = udemy_courses_read(path)
            report.skipped = read.skipped
            udemy_records = [r for r in read.records if not subject_is_outside(r.subject)]
            report.outside = len(read.records) - len(udemy_records)
        else:
            report.notices.append(f"No {UDEMY_FILE} in {folder}: the built-in catalogue only.")
    tags = _tagged(udemy_records, progress=progress) if udemy_records else {}
    report.untagged = sum(1 for rows in tags.values() if not rows)
    with transaction.atomic():
        courses = _courses_write(builtin.records, report)
        report.skills_set += _skills_write(
            courses,
            {
                key: [(pk, conf, CourseSkill.Method.HAND) for pk, conf in rows]
                for key, rows in hand.items()
            },
            replace="hand",
        )
        courses = _courses_write(udemy_records, report)
        report.skills_set += _skills_write(courses, tags, replace="tagger")
    return report


def courses_visibility_set(*, course_ids: list[int], hidden: bool) -> int:
    """Hide courses from recommendations (or list them again); returns how many changed."""
    return (
        Course.objects.filter(pk__in=course_ids).exclude(is_hidden=hidden).update(is_hidden=hidden)
    )

"""The course tagger's evaluation, exactly as ../shared/eval/README.md defines it.

The tagger (the code path `import_courses` uses) tags each course of the file; a label and a
predicted skill match when the skill resolver maps the label to that skill, so a label the
taxonomy cannot resolve is never matched. A course labelled with no skill (outside the
marketplace) makes every skill predicted for it a false positive. Micro precision, recall and
F1 over all courses, and the number of courses left with no skill.
"""

import time
from dataclasses import dataclass

from projects.models import Skill
from projects.selectors.skills import SkillIndex

from .tagging import CourseTagger, CourseText


class DatasetError(ValueError):
    """The evaluation file is not in the course-tagging format."""


@dataclass(frozen=True)
class LabelledCourse:
    id: str
    title: str
    subject: str
    labels: tuple[str, ...]


def labelled_courses(dataset: dict) -> list[LabelledCourse]:
    """The file's courses with their labels; raises DatasetError on a malformed file."""
    courses, labels = dataset.get("courses"), dataset.get("labels")
    if not isinstance(courses, list) or not isinstance(labels, dict):
        raise DatasetError("Expected “courses” (a list) and “labels” (an object).")
    found = []
    for n, course in enumerate(courses, start=1):
        if not isinstance(course, dict) or not str(course.get("id", "")).strip():
            raise DatasetError(f"Course {n} has no “id”.")
        key = str(course["id"])
        title = course.get("title")
        if not isinstance(title, str) or not title.strip():
            raise DatasetError(f"Course {key} has no “title”.")
        if key not in labels:
            raise DatasetError(f"Course {key} has no entry in “labels”.")
        course_labels = labels[key]
        if not isinstance(course_labels, list) or not all(
            isinstance(x, str) for x in course_labels
        ):
            raise DatasetError(f"The labels of course {key} are not a list of skill names.")
        found.append(
            LabelledCourse(key, title, str(course.get("subject") or ""), tuple(course_labels))
        )
    return found


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def evaluate_tags(dataset: dict, *, tagger: CourseTagger) -> dict:
    started = time.perf_counter()
    courses = labelled_courses(dataset)
    index = SkillIndex.load()
    predicted = tagger.tag([CourseText(c.title, c.subject) for c in courses])
    true_positives = predictions = labels = matched = untagged = 0
    misses = []
    for course, tags in zip(courses, predicted, strict=True):
        ids = {tag.skill_id for tag in tags}
        wanted = {index.resolve_id(label) for label in course.labels} - {None}
        predictions += len(ids)
        true_positives += len(ids & wanted)
        labels += len(course.labels)
        matched += sum(1 for label in course.labels if index.resolve_id(label) in ids)
        untagged += not ids
        if ids != wanted or len(wanted) < len(course.labels):
            misses.append((course, ids))
    precision, recall = _ratio(true_positives, predictions), _ratio(matched, labels)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {
        "dataset": dataset.get("name", ""),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "courses": len(courses),
        "untagged": untagged,
        "seconds": round(time.perf_counter() - started, 2),
        "misses": _named(misses),
    }


def _named(misses: list[tuple[LabelledCourse, set[int]]]) -> list[dict]:
    """The courses the tagger got wrong, with the skills it predicted by name (for reading)."""
    names = dict(
        Skill.objects.filter(id__in=set().union(*(ids for _, ids in misses))).values_list(
            "id", "name"
        )
    )
    return [
        {
            "id": course.id,
            "title": course.title,
            "labels": list(course.labels),
            "predicted": sorted(names[pk] for pk in ids),
        }
        for course, ids in misses
    ]

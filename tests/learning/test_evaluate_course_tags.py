"""`manage.py evaluate_course_tags`: the README's metrics, on hand-computed cases and our set."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from learning.evaluation import evaluate_tags
from learning.tagging import CourseTagger
from matching.encoder import encoder_or_none

pytestmark = pytest.mark.django_db

DEV_SET = Path(settings.BASE_DIR) / "eval" / "course_tags_dev.json"


def dataset(courses: list[tuple[str, str, str, list[str]]]) -> dict:
    return {
        "name": "hand-computed",
        "version": 1,
        "courses": [{"id": i, "title": t, "subject": s} for i, t, s, _ in courses],
        "labels": {i: labels for i, _, _, labels in courses},
    }


def test_the_figures_count_as_the_readme_says(builtin_taxonomy):
    data = dataset(
        [
            # Both labels found: 2 true positives.
            ("1", "Xero Bookkeeping Course", "Business Finance", ["Xero", "Bookkeeping"]),
            # A label the taxonomy cannot resolve can never match: a miss, whatever is said.
            ("2", "Learn Django", "Web Development", ["Django", "Quantum Knitting"]),
            # Outside the marketplace: no label, no prediction.
            ("3", "Master the Bassoon", "Musical Instruments", []),
            # No label, but a skill predicted: a false positive.
            ("4", "Python for bird watchers", "Web Development", []),
        ]
    )
    result = evaluate_tags(data, tagger=CourseTagger())
    # Predicted: Xero, Bookkeeping, Django, Python -> 3 of 4 right.
    assert result["precision"] == pytest.approx(0.75)
    # Labels: Xero, Bookkeeping, Django, Quantum Knitting -> 3 of 4 found.
    assert result["recall"] == pytest.approx(0.75)
    assert result["f1"] == pytest.approx(0.75)
    assert result["courses"] == 4
    assert result["untagged"] == 1


def run(path: Path, *args) -> str:
    out = StringIO()
    call_command(
        "evaluate_course_tags", "--dataset", str(path), *args, stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def test_the_command_ends_with_one_json_line(builtin_taxonomy, tmp_path):
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(dataset([("1", "Learn Django", "Web Development", ["Django"])])))
    figures = json.loads(run(path, "--json").strip().splitlines()[-1])
    assert set(figures) == {
        "dataset",
        "precision",
        "recall",
        "f1",
        "courses",
        "untagged",
        "seconds",
    }
    assert figures["precision"] == 1.0
    assert figures["recall"] == 1.0


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("not json", "is not a JSON file"),
        ('{"courses": []}', "Expected “courses” (a list) and “labels”"),
        ('{"courses": [{"id": "1", "title": "X"}], "labels": {}}', "Course 1 has no entry"),
        ('{"courses": [{"id": "1"}], "labels": {"1": []}}', "Course 1 has no “title”"),
    ],
)
def test_a_malformed_file_is_refused_with_the_reason(builtin_taxonomy, tmp_path, content, said):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=re.escape(said)):
        run(path)


def test_without_a_taxonomy_it_says_to_import_one_instead_of_scoring_zero(db, tmp_path):
    # Before, every course came out untagged: "precision 0.000 recall 0.000", and no reason.
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(dataset([("1", "Learn Django", "Web Development", ["Django"])])))
    with pytest.raises(CommandError, match=re.escape("run `python manage.py import_skills` first")):
        run(path)


def test_our_development_set_meets_the_targets(builtin_taxonomy):
    """Tagging targets of the issue (precision ≥ 0.8, recall ≥ 0.6) on the built-in taxonomy."""
    tagger = CourseTagger(encoder=encoder_or_none())  # as the import runs it
    result = evaluate_tags(json.loads(DEV_SET.read_text()), tagger=tagger)
    assert result["courses"] >= 100
    assert result["precision"] >= 0.8
    assert result["recall"] >= 0.6

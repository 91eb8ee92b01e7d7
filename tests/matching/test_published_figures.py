"""The figures "How matching works" publishes are what the engine measures on our set today."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from matching.evaluation.run import evaluate
from matching.weights import DEFAULT_VERSION, PUBLISHED_EVALUATION, default_weights

# The taxonomy with or without the reference data moves them by about 0.001.
TOLERANCE = 0.01


@pytest.mark.django_db
def test_the_published_figures_are_measured_not_written():
    published = PUBLISHED_EVALUATION["sets"][0]
    assert PUBLISHED_EVALUATION["version"] == DEFAULT_VERSION
    call_command("import_skills", verbosity=0)
    dataset = json.loads((Path(settings.BASE_DIR) / published["file"]).read_text())
    measured = evaluate(dataset, weights=default_weights())
    for direction in ("employer", "freelancer"):
        for metric, value in published[direction].items():
            assert measured[direction][metric] == pytest.approx(value, abs=TOLERANCE), (
                f"{direction} {metric}: published {value}, measured {measured[direction][metric]}"
            )
        tfidf = measured["baseline_tfidf"][direction]["ndcg@10"]
        assert tfidf == pytest.approx(published["baseline_tfidf"][direction], abs=TOLERANCE)


def test_the_page_shows_them(client, db):
    html = client.get(reverse("matching:how-it-works")).content.decode()
    dev = PUBLISHED_EVALUATION["sets"][0]
    assert dev["name"] in html
    assert str(dev["employer"]["ndcg@10"]) in html
    assert str(dev["baseline_tfidf"]["freelancer"]) in html

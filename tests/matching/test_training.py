"""train_matching learns weights from feedback and adopts them only when they rank better."""

import pytest
from django.core.management import call_command

from matching.models import MatchEvent, ScorerWeights
from matching.services import match_event_record
from matching.training import MIN_EVENTS, weights_train
from matching.weights import DEFAULT_WEIGHTS, active_weights
from tests.factories import EmployerFactory, ProposalFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy


@pytest.fixture
def feedback(db):
    """Django people propose on Django projects; copywriters say they are not interested."""
    small_taxonomy()
    owner = EmployerFactory()
    projects = [
        open_project(
            title=f"API {i}", description="Django work.", skills=["Django"], employer=owner
        )
        for i in range(2)
    ]
    for i in range(14):
        developer = freelancer_with(headline="Django developer", skills=["Django"], rate=30 + i)
        writer = freelancer_with(headline="Copywriter", skills=["Copywriting"], rate=30 + i)
        for project in projects:
            ProposalFactory(project=project, freelancer=developer.user)
            match_event_record(
                actor=writer.user,
                kind=MatchEvent.Kind.NOT_INTERESTED,
                freelancer=writer.user,
                project=project,
            )
    return projects


def only_rate_counts():
    """Weights in use that ignore skills and meaning: any learning should beat them."""
    weights = dict.fromkeys(DEFAULT_WEIGHTS, 0.0) | {"rate": 1.0}
    ScorerWeights.objects.create(version="rate-only", weights=weights, is_active=True)


def test_learned_weights_that_rank_better_are_adopted(feedback):
    only_rate_counts()
    report = weights_train()
    assert report.events >= MIN_EVENTS
    assert report.auc_candidate > report.auc_current
    assert report.adopted
    assert report.candidate.values["skills"] > report.candidate.values["rate"]
    assert active_weights().version == report.candidate.version
    stored = ScorerWeights.objects.get(is_active=True)
    assert stored.metrics["previous_version"] == "rate-only"


def test_weights_no_better_than_the_current_ones_are_kept_out(feedback):
    weights_train()
    in_use = active_weights().version
    again = weights_train()  # learning the same events again finds nothing better
    assert not again.adopted
    assert active_weights().version == in_use


def test_a_dry_run_adopts_nothing_and_says_why(feedback, capsys):
    only_rate_counts()
    call_command("train_matching", "--dry-run")
    out = capsys.readouterr().out
    assert "held-out AUC" in out
    assert "(dry run)" in out
    assert active_weights().version == "rate-only"


def test_too_few_events_say_so(db):
    report = weights_train()
    assert not report.adopted
    assert f"at least {MIN_EVENTS}" in report.reason

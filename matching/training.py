"""Learning the scorer's weights from what people did with matches; adopted only if better.

Each recorded event is a (freelancer, project) pair with a label: proposals, invites,
shortlists, saves and hires are positive, "not interested" negative. Pairs nobody acted on, drawn
from the same projects, are negatives too (people act on few of the matches they see). The
criteria's values for every pair are computed by the production scorer; a logistic regression
(scikit-learn) learns how much each criterion predicts a positive. Its coefficients, clipped at
zero and scaled to sum to one, are the candidate weights.

The candidate is compared with the weights in use on events held out of the fit (AUC: how often
a positive pair outranks a negative one) and, when an evaluation file is given, on its nDCG@10 in
both directions. It is adopted only if it is better on the held-out events and no worse on the
file.
"""

import random
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.utils import timezone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from accounts.models import AIFeature, FreelancerProfile
from accounts.selectors.privacy import users_opted_out

from .features import gigs_load, talents_load
from .keywords import keyword_similarities
from .models import Embedding, MatchEvent, ScorerWeights
from .ranking import Semantic
from .scoring import combine, score
from .weights import DEFAULT_WEIGHTS, Weights, active_weights

POSITIVE = {
    MatchEvent.Kind.PROPOSAL,
    MatchEvent.Kind.INVITE,
    MatchEvent.Kind.SHORTLIST,
    MatchEvent.Kind.SAVE,
    MatchEvent.Kind.HIRE,
}
NEGATIVE = {MatchEvent.Kind.NOT_INTERESTED}
CRITERIA = list(DEFAULT_WEIGHTS)
MIN_EVENTS = 40
# nDCG@10 may move this much on the evaluation file without counting as worse (noise).
EVAL_TOLERANCE = 0.005


@dataclass
class TrainingReport:
    events: int = 0
    pairs: int = 0
    positives: int = 0
    candidate: Weights | None = None
    current: Weights | None = None
    auc_candidate: float | None = None
    auc_current: float | None = None
    evaluation: dict = field(default_factory=dict)
    adopted: bool = False
    reason: str = ""


def training_events():
    """The labelled events training may learn from: not those of people who switched off
    learning from their activity (read at each run, so a change applies to the next one)."""
    return MatchEvent.objects.filter(kind__in=POSITIVE | NEGATIVE).exclude(
        actor__in=users_opted_out(feature=AIFeature.TRAIN_ON_ACTIVITY)
    )


def _labelled_pairs(rng: random.Random) -> tuple[list[tuple[int, int]], list[int]]:
    """(freelancer user id, project id) pairs with a 1/0 label; the latest event decides."""
    labels: dict[tuple[int, int], int] = {}
    for freelancer_id, project_id, kind in (
        training_events()
        .values_list("freelancer_id", "project_id", "kind")
        .order_by("created_at", "pk")
    ):
        labels[(freelancer_id, project_id)] = int(kind in POSITIVE)
    freelancers = sorted({f for f, _ in labels})
    projects = sorted({p for _, p in labels})
    # As many unlabelled pairs as labelled ones, from the same people and projects.
    for _ in range(len(labels)):
        pair = (rng.choice(freelancers), rng.choice(projects))
        labels.setdefault(pair, 0)
    pairs = sorted(labels)
    return pairs, [labels[pair] for pair in pairs]


def _criteria_rows(pairs: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Each pair's criteria as the production scorer computes them (absent where none applies)."""
    profile_of = dict(
        FreelancerProfile.objects.filter(user_id__in={f for f, _ in pairs}).values_list(
            "user_id", "pk"
        )
    )
    talents = talents_load(profile_of.values())
    gigs = gigs_load({p for _, p in pairs})
    semantic = Semantic.current()
    weights = active_weights()
    texts = {pk: talent.text for pk, talent in talents.items()}
    overlaps = {pk: keyword_similarities(gig.text, texts) for pk, gig in gigs.items()}
    rows = []
    for freelancer_id, project_id in pairs:
        talent = talents.get(profile_of.get(freelancer_id))
        gig = gigs.get(project_id)
        if talent is None or gig is None:
            rows.append({})
            continue
        similarity = None
        if semantic.available:
            query = semantic.index(Embedding.Kind.PROJECT).vector(gig.id)
            known = semantic.index(Embedding.Kind.FREELANCER).similarities(query, [talent.id])
            similarity = known.get(talent.id)
        match = score(
            gig,
            talent,
            similarity=similarity,
            keywords=overlaps[gig.id][talent.id],
            weights=weights,
            boost_newcomers=False,
        )
        rows.append(match.components)
    return rows


def _auc(rows: list[dict[str, float]], labels: np.ndarray, weights: Weights) -> float | None:
    """How often a positive pair outranks a negative one under `weights` (0.5 is chance)."""
    if len(set(labels.tolist())) < 2:
        return None
    return float(roc_auc_score(labels, [combine(row, weights) for row in rows]))


def weights_train(
    *, dataset: dict | None = None, seed: int = 42, adopt: bool = True
) -> TrainingReport:
    """Fit candidate weights on recorded events; store and activate them if they are better."""
    rng = random.Random(seed)
    report = TrainingReport(current=active_weights())
    report.events = training_events().count()
    if report.events < MIN_EVENTS:
        report.reason = f"Only {report.events} events; training needs at least {MIN_EVENTS}."
        return report
    pairs, labels = _labelled_pairs(rng)
    rows, target = _criteria_rows(pairs), np.array(labels)
    matrix = np.array([[row.get(name, 0.0) for name in CRITERIA] for row in rows])
    report.pairs, report.positives = len(pairs), int(target.sum())
    order = list(range(len(pairs)))
    rng.shuffle(order)
    cut = max(1, len(order) // 5)
    held, fit = np.array(order[:cut]), np.array(order[cut:])
    if len(set(target[fit].tolist())) < 2:
        report.reason = "The events are all positive or all negative: nothing to learn."
        return report
    model = LogisticRegression(max_iter=1000).fit(matrix[fit], target[fit])
    learned = np.clip(model.coef_[0], 0, None)
    if learned.sum() <= 0:
        report.reason = "No criterion predicted a positive outcome; the weights stay."
        return report
    values = {
        name: round(float(v / learned.sum()), 4) for name, v in zip(CRITERIA, learned, strict=True)
    }
    version = timezone.now().strftime("learned-%Y%m%d-%H%M%S")
    report.candidate = Weights(version=version, values=values)
    held_rows = [rows[i] for i in held]
    report.auc_candidate = _auc(held_rows, target[held], report.candidate)
    report.auc_current = _auc(held_rows, target[held], report.current)
    better = (
        report.auc_candidate is not None
        and report.auc_current is not None
        and report.auc_candidate > report.auc_current
    )
    if not better:
        report.reason = "The learned weights rank held-out events no better than the current ones."
    if better and dataset is not None:
        better = _no_worse_on(dataset, report)
    if better and adopt:
        _activate(report)
    report.adopted = better and adopt
    return report


def _no_worse_on(dataset: dict, report: TrainingReport) -> bool:
    from .evaluation.run import evaluate

    now = evaluate(dataset, weights=report.current)
    then = evaluate(dataset, weights=report.candidate)
    report.evaluation = {
        direction: {"current": now[direction]["ndcg@10"], "candidate": then[direction]["ndcg@10"]}
        for direction in ("employer", "freelancer")
    }
    worse = [
        direction
        for direction, figures in report.evaluation.items()
        if figures["candidate"] < figures["current"] - EVAL_TOLERANCE
    ]
    if worse:
        report.reason = (
            f"The learned weights are worse on the evaluation file ({', '.join(worse)})."
        )
    return not worse


@transaction.atomic
def _activate(report: TrainingReport) -> None:
    ScorerWeights.objects.filter(is_active=True).update(is_active=False)
    ScorerWeights.objects.create(
        version=report.candidate.version,
        weights=report.candidate.values,
        is_active=True,
        metrics={
            "events": report.events,
            "pairs": report.pairs,
            "auc_heldout": report.auc_candidate,
            "auc_heldout_previous": report.auc_current,
            "previous_version": report.current.version,
            "evaluation": report.evaluation,
        },
    )
    report.reason = "Adopted: better on held-out events" + (
        " and no worse on the evaluation file." if report.evaluation else "."
    )

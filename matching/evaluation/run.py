"""Run the production pipeline on an evaluation file, inside a transaction that is rolled back.

The file's freelancers sign up and its projects are posted through the same services real users
go through; everything is embedded by the same encoder and ranked by the same scorer, with and
without the newcomer boost. Nothing outlives the run: the transaction is rolled back at the end.
"""

import datetime as dt
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import CURRENCIES, LANGUAGE_CODES, FreelancerProfile, User
from accounts.services import freelancer_profile_update, user_create
from projects.models import Project
from projects.services.projects import ProjectDetails, project_create
from projects.services.talent import freelancer_skill_add

from ..encoder import encoder_or_none
from ..features import gigs_load, talents_load
from ..models import Embedding
from ..ranking import Semantic, rank_gigs, rank_talent
from ..services import embeddings_refresh, skill_relations_rebuild
from ..weights import Weights, active_weights
from .baselines import baseline_rankings
from .metrics import invert_qrels, is_new_freelancer, summarise

EVAL_DOMAIN = "eval.gigwise.invalid"
KNOWN_CURRENCIES = {code for code, _ in CURRENCIES}
LEVELS = {choice for choice, _ in Project._meta.get_field("experience_level").choices}


class _Rollback(Exception):
    pass


def _decimal(value: Any, default: str = "0") -> Decimal:
    try:
        return Decimal(str(value)) if value is not None else Decimal(default)
    except InvalidOperation:
        return Decimal(default)


def _freelancer_create(record: dict, n: int) -> tuple[FreelancerProfile, int]:
    user = user_create(
        email=f"f{n}@{EVAL_DOMAIN}",
        password=None,
        role=User.Role.FREELANCER,
        first_name=str(record.get("name", ""))[:150],
    )
    days = int(record.get("joined_days_ago") or 0)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - dt.timedelta(days=days))
    rate = _decimal(record.get("hourly_rate"))
    currency = record.get("currency") if record.get("currency") in KNOWN_CURRENCIES else "USD"
    profile = freelancer_profile_update(
        profile=user.freelancer_profile,
        headline=str(record.get("headline", ""))[:120],
        bio=str(record.get("bio", "")),
        hourly_rate=rate if rate >= 1 else None,
        currency=currency,
        years_experience=min(60, max(0, int(record.get("years_experience") or 0))),
        availability_hours_per_week=min(
            80, max(0, int(record.get("availability_hours_per_week") or 0))
        ),
        languages=[code for code in record.get("languages", []) if code in LANGUAGE_CODES],
    )
    for text in record.get("skills", []):
        try:
            freelancer_skill_add(profile=profile, text=str(text))
        except ValidationError:
            continue  # a skill the form would refuse (too long, too many) is left out
    return profile, int(record.get("completed_jobs") or 0)


def _project_create(record: dict, employer: User) -> Project:
    budget_min = max(Decimal("1"), _decimal(record.get("budget_min"), "1"))
    budget_max = max(budget_min, _decimal(record.get("budget_max"), "1"))
    level = record.get("experience_level")
    details = ProjectDetails(
        title=str(record.get("title", ""))[:140] or "Untitled",
        description=str(record.get("description", "")) or str(record.get("title", "")),
        budget_type=record.get("budget_type") if record.get("budget_type") == "hourly" else "fixed",
        budget_min=budget_min,
        budget_max=budget_max,
        currency=record.get("currency") if record.get("currency") in KNOWN_CURRENCIES else "USD",
        experience_level=level if level in LEVELS else "intermediate",
        duration_weeks=min(104, max(1, int(record.get("duration_weeks") or 4))),
        hours_per_week=record.get("hours_per_week") or None,
        required_skills=[str(s)[:100] for s in record.get("skills", [])][:20],
    )
    return project_create(employer=employer, details=details)


def _rankings(dataset: dict, weights: Weights) -> dict[str, Any]:
    employer = user_create(email=f"client@{EVAL_DOMAIN}", password=None, role=User.Role.EMPLOYER)
    profile_of, completed = {}, {}
    for n, record in enumerate(dataset.get("freelancers", [])):
        profile, jobs = _freelancer_create(record, n)
        profile_of[record["id"]] = profile.pk
        completed[profile.user_id] = jobs
    project_of = {
        record["id"]: _project_create(record, employer).pk for record in dataset.get("projects", [])
    }
    # The file is the whole marketplace: hubness is measured against its people and projects,
    # whatever else the database holds.
    semantic = Semantic.current()
    semantic.scope = {
        Embedding.Kind.FREELANCER: list(profile_of.values()),
        Embedding.Kind.PROJECT: list(project_of.values()),
    }
    model = encoder_or_none()
    if model is not None:
        embeddings_refresh(
            kind=Embedding.Kind.FREELANCER, object_ids=profile_of.values(), model=model
        )
        embeddings_refresh(kind=Embedding.Kind.PROJECT, object_ids=project_of.values(), model=model)
    skill_relations_rebuild(project_ids=project_of.values(), profile_ids=profile_of.values())
    talents = talents_load(profile_of.values(), completed_jobs=completed)
    gigs = gigs_load(project_of.values())
    file_id = {pk: fid for fid, pk in profile_of.items()}
    project_id = {pk: pid for pid, pk in project_of.items()}
    out: dict[str, dict] = {"employer": {}, "employer_no_boost": {}, "freelancer": {}}
    for fid, pk in project_of.items():
        for key, boost in (("employer", True), ("employer_no_boost", False)):
            matches = rank_talent(
                gigs[pk], talents, semantic=semantic, weights=weights, boost_newcomers=boost
            )
            out[key][fid] = [file_id[m.talent_id] for m in matches]
    for fid in invert_qrels(dataset.get("qrels", {})):
        if fid in profile_of:
            matches = rank_gigs(talents[profile_of[fid]], gigs, semantic=semantic, weights=weights)
            out["freelancer"][fid] = [project_id[m.gig_id] for m in matches]
    out["model"] = semantic.version or "taxonomy-only (the encoder could not be loaded)"
    return out


def evaluate(dataset: dict, *, weights: Weights | None = None) -> dict[str, Any]:
    """Metrics of the engine and the two baselines on one evaluation file, in both directions."""
    started = time.monotonic()
    weights = weights or active_weights()
    result: dict[str, Any] = {}
    try:
        with transaction.atomic():
            result = _rankings(dataset, weights)
            raise _Rollback
    except _Rollback:
        pass
    qrels = dataset.get("qrels", {})
    backwards = invert_qrels(qrels)
    new = {r["id"] for r in dataset.get("freelancers", []) if is_new_freelancer(r)}

    def is_new(fid: str) -> bool:
        return fid in new

    def both(rankings: dict) -> dict:
        return {
            "employer": summarise(rankings["employer"], qrels, is_new),
            "freelancer": summarise(rankings["freelancer"], backwards),
        }

    engine = both(result)
    without_boost = summarise(result["employer_no_boost"], qrels, is_new)
    baselines = {name: both(rankings) for name, rankings in baseline_rankings(dataset).items()}
    return {
        "dataset": dataset.get("name", ""),
        "model": result["model"],
        "weights": weights.version,
        **engine,
        **baselines,
        "employer_without_newcomer_boost": without_boost,
        "seconds": round(time.monotonic() - started, 2),
    }

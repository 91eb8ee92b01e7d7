"""Export sections that are not plain rows: embeddings as numbers, and the matches shown now."""

import logging
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet

from accounts.models import FreelancerProfile, User
from matching.models import Embedding
from matching.scoring import Match
from matching.selectors import gig_feed, suggested_talent
from projects.models import Project

logger = logging.getLogger(__name__)

# The feed a freelancer opens shows this many first; enough to see how matching reads them.
CURRENT_MATCHES = 20
# An employer's open projects, and suggestions per project, included in the export.
CURRENT_PROJECTS = 10
CURRENT_TALENT = 10


def embedding_rows(user: User) -> QuerySet:
    """Vectors of the person's freelancer profile and of the projects they posted."""
    profiles = FreelancerProfile.objects.filter(user=user).values("pk")
    projects = Project.objects.filter(employer=user).values("pk")
    return Embedding.objects.filter(
        Q(kind=Embedding.Kind.FREELANCER, object_id__in=profiles)
        | Q(kind=Embedding.Kind.PROJECT, object_id__in=projects)
    )


def embedding_adjust(record: dict, row: Embedding, user: User) -> dict:
    # The stored bytes mean nothing to a reader: the numbers themselves are the data.
    vector = np.frombuffer(bytes(row.vector), dtype=np.float32)
    record["vector"] = [round(float(value), 6) for value in vector]
    return record


def _match_record(match: Match) -> dict[str, Any]:
    return {
        "score": round(match.score, 4),
        "percent": match.percent,
        "components": {name: round(value, 4) for name, value in match.components.items()},
        "reasons": list(match.reasons),
        "explanation": match.explanation,
    }


def current_matches(user: User) -> list[dict[str, Any]]:
    """The top of the person's gig feed, or their open projects' suggested talent, as now.

    The scorer is symmetric: the reasons a freelancer reads about a gig are the ones its
    employer reads about them, so the feed also answers "what do employers see about me".
    """
    try:
        if user.is_freelancer:
            feed = gig_feed(user=user, limit=CURRENT_MATCHES).matches
            return [{"project_id": match.gig_id, **_match_record(match)} for match in feed]
        if user.is_employer:
            rows = []
            projects = Project.objects.owned_by(user).visible().order_by("pk")
            for project in projects[:CURRENT_PROJECTS]:
                suggested = suggested_talent(project=project, limit=CURRENT_TALENT).matches
                rows += [
                    {"project_id": project.pk, "freelancer_profile_id": m.talent_id,
                     **_match_record(m)}
                    for m in suggested
                ]  # fmt: skip
            return rows
    except Exception:
        # The stored sections matter more than a live ranking: the export goes on without it.
        logger.exception("Current matches left out of the data export of user %s", user.pk)
    return []

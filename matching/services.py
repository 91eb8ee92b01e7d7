"""Writes of the matching app: embeddings and feedback events."""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from accounts.models import AIFeature, User
from projects.models import FreelancerSkill, NotificationKind, Project, ProjectSkill
from projects.reference.onet import ONET_TECHNOLOGY_FILE, onet_occupation_technologies
from projects.services.notifications import notify

from .encoder import Encoder, encoder
from .features import gig_texts, talent_texts
from .models import Embedding, EmbeddingsVersion, MatchEvent, SkillRelation
from .related_skills import co_occurrence
from .selectors import suggested_talent, talent_rows
from .skills_in_text import skill_index
from .texts import text_hash

logger = logging.getLogger(__name__)
Kind = Embedding.Kind
REASON_MAX = MatchEvent._meta.get_field("reason").max_length


@dataclass
class EmbedResult:
    embedded: int = 0  # rows written
    unchanged: int = 0
    removed: int = 0
    encoded: int = 0  # distinct texts the model encoded (fewer when texts repeat)

    def __iadd__(self, other: "EmbedResult") -> "EmbedResult":
        self.embedded += other.embedded
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.encoded += other.encoded
        return self


def _texts(kind: str, ids: list[int]) -> dict[int, str]:
    return talent_texts(ids) if kind == Kind.FREELANCER else gig_texts(ids)


class VectorsByText:
    """Vectors made during one run, by text hash: a text met again is not encoded again.

    A generated demo (and a marketplace with reposted projects) repeats texts; `embed_all`
    keeps one of these for its whole run. Bounded, the oldest forgotten first.
    """

    def __init__(self, limit: int = 100_000):
        self.limit = limit
        self._vectors: dict[str, np.ndarray] = {}

    def get(self, key: str) -> np.ndarray | None:
        return self._vectors.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        if len(self._vectors) >= self.limit:
            self._vectors.pop(next(iter(self._vectors)))
        self._vectors[key] = vector


def embeddings_refresh(
    *,
    kind: str,
    object_ids: list[int],
    model: Encoder | None = None,
    batch_size: int = 64,
    known: VectorsByText | None = None,
) -> EmbedResult:
    """Embed the objects whose text changed since their last embedding; skip the rest.

    Each distinct text is encoded once (identical texts share the vector), and not at all
    when `known` already has it.
    """
    model = model or encoder()
    known = known if known is not None else VectorsByText()
    ids = sorted(set(object_ids))
    texts = _texts(kind, ids)
    current = dict(
        Embedding.objects.filter(
            kind=kind, object_id__in=ids, model_version=model.version
        ).values_list("object_id", "text_hash")
    )
    hashes = {pk: text_hash(text) for pk, text in texts.items()}
    stale = [pk for pk in texts if current.get(pk) != hashes[pk] and texts[pk]]
    wanted = {hashes[pk]: texts[pk] for pk in stale}
    vectors = {key: v for key in wanted if (v := known.get(key)) is not None}
    new = [key for key in wanted if key not in vectors]
    encoded = model.encode([wanted[key] for key in new], batch_size=batch_size)
    for key, vector in zip(new, encoded, strict=True):
        vectors[key] = np.ascontiguousarray(vector, dtype=np.float32)
        known.put(key, vectors[key])
    rows = [
        Embedding(
            kind=kind,
            object_id=pk,
            model_version=model.version,
            text_hash=hashes[pk],
            dimensions=vectors[hashes[pk]].shape[0],
            vector=vectors[hashes[pk]].tobytes(),
        )
        for pk in stale
    ]
    gone = [pk for pk in ids if pk not in texts or not texts[pk]]
    with transaction.atomic():
        if rows:
            Embedding.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["kind", "object_id", "model_version"],
                update_fields=["text_hash", "dimensions", "vector", "updated_at"],
            )
            embeddings_changed(kind)
        removed = embeddings_remove(kind, gone)
    return EmbedResult(
        embedded=len(rows), unchanged=len(texts) - len(stale), removed=removed, encoded=len(new)
    )


def embeddings_changed(kind: str) -> None:
    """Tell every process holding the vectors in memory that this kind's embeddings moved.

    Call it inside the transaction that wrote them: the mark commits (or rolls back) with the
    rows, and concurrent writers queue on its one row only until they commit.
    """
    EmbeddingsVersion.objects.bulk_create(
        [EmbeddingsVersion(kind=kind, token=uuid.uuid4())],
        update_conflicts=True,
        unique_fields=["kind"],
        update_fields=["token", "changed_at"],
    )


def embeddings_remove(kind: str, object_ids) -> int:
    """Delete the embeddings of these objects (a list or a queryset of ids), all versions."""
    with transaction.atomic():
        removed, _ = Embedding.objects.filter(kind=kind, object_id__in=object_ids).delete()
        if removed:
            embeddings_changed(kind)
    return removed


# A back-fill that wrote more rows than this refreshes the table's planner statistics.
ANALYZE_AFTER_ROWS = 1_000


def embeddings_analyze() -> None:
    """Fresh PostgreSQL statistics for the embeddings after a bulk back-fill.

    Autovacuum gets to it eventually (and is sometimes off); until then the planner takes a
    100,000-row table for a handful of rows, and each batch's lookup went from 3 ms to 200 ms
    (bench/bench_scale.py, the large demo).
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(Embedding._meta.db_table)}")


NOTIFY_TOP = 10
NOTIFY_MIN_SCORE = 0.5


def project_matches_notify(*, project: Project) -> int:
    """Tell the best-matched available freelancers about a newly published project, once each.

    Returns how many were told now; a second run tells nobody again (one notification per
    freelancer and project), and each freelancer's e-mail preference for the kind applies.
    Freelancers who switched their matched feed off are never told: the ranking leaves them out.
    """
    if not project.is_open or not project.is_public:
        return 0
    matches = suggested_talent(
        project=project, limit=NOTIFY_TOP, consent=AIFeature.MATCHED_FEED
    ).matches
    told = 0
    with transaction.atomic():
        for profile, match in talent_rows(matches):
            if match.score < NOTIFY_MIN_SCORE or not profile.availability_hours_per_week:
                continue
            sent = notify(
                user=profile.user,
                kind=NotificationKind.PROJECT_MATCHED,
                title=f"A new project matches your profile: {project.title}",
                body=f"{match.percent}% match: {match.explanation}",
                url=reverse("projects:project-detail", args=[project.pk]),
                event_key=f"project_matched:{project.pk}",
            )
            told += sent is not None
    return told


# The first screen of suggested talent: what the fairness audit counts as shown.
IMPRESSIONS_TOP = 10


def talent_impressions_record(
    *, employer: User, project: Project, rows: list, weights_version: str
) -> int:
    """Record that the employer was shown these freelancers first, with the scores they saw.

    One row per showing (the list is what it was at that moment): the fairness audit counts the
    distinct people shown in a period, and each person's data export lists the explanations shown
    about them. One insert, whatever the list's length.
    """
    shown = [
        MatchEvent(
            actor=employer,
            side=MatchEvent.Side.EMPLOYER,
            kind=MatchEvent.Kind.IMPRESSION,
            freelancer_id=profile.user_id,
            project=project,
            score=match.score,
            components=match.components,
            weights_version=weights_version,
        )
        for profile, match in rows[:IMPRESSIONS_TOP]
    ]
    MatchEvent.objects.bulk_create(shown)
    return len(shown)


def match_event_record(
    *,
    actor: User,
    kind: str,
    freelancer: User,
    project: Project,
    reason: str = "",
    score: float | None = None,
    components: dict | None = None,
    weights_version: str = "",
) -> MatchEvent:
    """Record what someone did with a suggested match; "not interested" hides it at once."""
    if kind not in MatchEvent.Kind.values:
        raise ValidationError({"kind": "Choose one of: " + ", ".join(MatchEvent.Kind.values)})
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Keep the reason under {REASON_MAX} characters."})
    side = MatchEvent.Side.FREELANCER if actor.pk == freelancer.pk else MatchEvent.Side.EMPLOYER
    if side == MatchEvent.Side.EMPLOYER and project.employer_id != actor.pk:
        raise ValidationError({"project": "Only the project's owner can give this feedback."})
    if kind == MatchEvent.Kind.NOT_INTERESTED:
        # Idempotent: saying it twice leaves one row, with the latest reason.
        event, _ = MatchEvent.objects.update_or_create(
            actor=actor,
            side=side,
            kind=kind,
            freelancer=freelancer,
            project=project,
            defaults={"reason": reason, "score": score, "components": components or {}},
        )
        return event
    return MatchEvent.objects.create(
        actor=actor,
        side=side,
        kind=kind,
        freelancer=freelancer,
        project=project,
        reason=reason,
        score=score,
        components=components or {},
        weights_version=weights_version,
    )


def _occupation_baskets(data_dir: Path) -> list[set[int]]:
    """The skills each O*NET occupation names, as taxonomy ids (none without the file)."""
    path = Path(data_dir) / ONET_TECHNOLOGY_FILE
    if not path.is_file():
        return []
    index = skill_index()
    baskets = []
    for examples in onet_occupation_technologies(path=path).values():
        ids = {index.resolve_id(example) for example in examples} - {None}
        if len(ids) > 1:
            baskets.append(ids)
    return baskets


@dataclass
class RelationsReport:
    pairs: int
    lists: int  # projects' and profiles' skill lists read
    occupations: int  # O*NET occupations read (0 without the reference data)


def skill_relations_rebuild(
    *, project_ids=None, profile_ids=None, data_dir: Path | None = None
) -> RelationsReport:
    """Recompute related skills from the skills named together; safe to re-run.

    Baskets are every project's and profile's skill list and, when the reference data is
    there, every O*NET occupation's technologies. The whole table is replaced in one
    transaction, so a reader never sees it half built. The evaluation passes its own projects
    and profiles: its file is the whole marketplace.
    """
    projects = ProjectSkill.objects.filter(skill__isnull=False)
    profiles = FreelancerSkill.objects.filter(skill__isnull=False)
    if project_ids is not None:
        projects = projects.filter(project_id__in=list(project_ids))
    if profile_ids is not None:
        profiles = profiles.filter(profile_id__in=list(profile_ids))
    baskets: dict[tuple[str, int], set[int]] = defaultdict(set)
    for project_id, skill_id in projects.values_list("project_id", "skill_id"):
        baskets[("project", project_id)].add(skill_id)
    for profile_id, skill_id in profiles.values_list("profile_id", "skill_id"):
        baskets[("profile", profile_id)].add(skill_id)
    occupations = _occupation_baskets(data_dir or settings.GIGWISE_DATA_DIR)
    related = co_occurrence([*baskets.values(), *occupations])
    rows = [
        SkillRelation(skill_id=skill, related_id=other, strength=strength, together=both)
        for skill, others in related.items()
        for other, (strength, both) in others.items()
    ]
    with transaction.atomic():
        SkillRelation.objects.all().delete()
        SkillRelation.objects.bulk_create(rows, batch_size=2000)
    return RelationsReport(pairs=len(rows) // 2, lists=len(baskets), occupations=len(occupations))

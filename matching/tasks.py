"""Celery tasks of matching: thin, by id, safe to run twice (unchanged text is not re-embedded)."""

from contextlib import suppress

from celery import shared_task


@shared_task(name="matching.embed_objects", acks_late=True, max_retries=3, default_retry_delay=30)
def embed_objects(kind: str, object_ids: list[int]) -> dict:
    """Embed the objects whose text changed; the encoder is loaded once per worker process."""
    from matching.encoder import EncoderUnavailable
    from matching.services import embeddings_refresh

    try:
        result = embeddings_refresh(kind=kind, object_ids=object_ids)
    except EncoderUnavailable as error:
        # Retrying cannot bring missing model files back; matching runs on the taxonomy alone.
        return {"skipped": str(error)}
    return {"embedded": result.embedded, "unchanged": result.unchanged, "removed": result.removed}


@shared_task(name="matching.project_matches_notify", acks_late=True, max_retries=3)
def project_matches_notify(project_id: int) -> int:
    """Embed a just-published project, then tell its best-matched freelancers (never twice)."""
    from matching.encoder import EncoderUnavailable
    from matching.models import Embedding
    from matching.services import embeddings_refresh
    from matching.services import project_matches_notify as notify_matches
    from projects.models import Project

    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return 0
    # The project's vector may not be stored yet; without the model, skills alone rank.
    with suppress(EncoderUnavailable):
        embeddings_refresh(kind=Embedding.Kind.PROJECT, object_ids=[project.pk])
    return notify_matches(project=project)


@shared_task(name="matching.skill_relations_rebuild", acks_late=True)
def skill_relations_rebuild() -> int:
    """Recompute related skills from the marketplace's skill lists (daily; safe to re-run)."""
    from matching.services import skill_relations_rebuild as rebuild

    return rebuild().pairs


@shared_task(name="matching.fairness_audit", acks_late=True)
def fairness_audit(days: int = 1, recompute: bool = False) -> int:
    """Audit exposure by group over the last day's rankings (nightly); returns the run's id.

    Safe to run twice: each run is a snapshot read from the data, and pages show the latest.
    """
    from matching.fairness import fairness_audit_run

    return fairness_audit_run(days=days, recompute=recompute).pk

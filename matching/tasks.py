"""Celery tasks of matching: thin, by id, safe to run twice (unchanged text is not re-embedded)."""

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

"""A freelancer's ranked gigs, kept for a minute, so that the feed, its next pages and the match
badge on each project page do not rank the whole market again on every request.

What must show at once always does:
- the key holds a fingerprint of everything the scorer reads about the freelancer (their
  `Talent`: skills, rate, hours, languages, preferences, text), the weights' version and the
  encoder's, so a profile change or new weights miss the cache;
- every read drops the projects no longer open to them: closed, hidden, proposed on, or marked
  "not interested" (`open_ids`, one query, is passed in by the caller).
What a minute may delay: a project published since, and the score of a project edited since.
`MATCHING_FEED_CACHE_SECONDS=0` turns the cache off (the test suite does, except its own tests).
The cache is Django's default one, Redis in production, so gunicorn workers share it; when Redis
is down the degrading cache misses and the feed is ranked as before.
"""

import dataclasses
import hashlib
import json
from collections.abc import Callable, Collection

from django.conf import settings
from django.core.cache import cache

from .features import Talent
from .scoring import Match

# Bump when Match or the ranking changes shape, so a deploy never reads an older pickle.
FORMAT = 1


def _fingerprint(talent: Talent) -> str:
    """The same for the same Talent in every process (sets sorted, not in hash order)."""

    def plain(value):
        if isinstance(value, (set, frozenset)):
            return sorted(value, key=str)
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        return value

    fields = {f.name: plain(getattr(talent, f.name)) for f in dataclasses.fields(talent)}
    text = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _key(*, user_id: int, talent: Talent, weights_version: str, model_version: str | None) -> str:
    return (
        f"matching:feed:{FORMAT}:{user_id}:{_fingerprint(talent)}:{weights_version}:"
        f"{model_version or 'taxonomy'}"
    )


def _seconds() -> int:
    return int(getattr(settings, "MATCHING_FEED_CACHE_SECONDS", 60))


def ranked_gigs(
    *,
    user_id: int,
    talent: Talent,
    weights_version: str,
    model_version: str | None,
    open_ids: Collection[int],
    compute: Callable[[], list[Match]],
) -> list[Match]:
    """The freelancer's gigs, best first: from the cache when it holds them, else `compute()`
    (then kept). Either way only those in `open_ids` are returned."""
    seconds = _seconds()
    if seconds <= 0:
        ranked = compute()
    else:
        key = _key(
            user_id=user_id,
            talent=talent,
            weights_version=weights_version,
            model_version=model_version,
        )
        ranked = cache.get(key)
        if ranked is None:
            ranked = compute()
            cache.set(key, ranked, seconds)
    return [match for match in ranked if match.gig_id in open_ids]


def cached_match(
    *,
    user_id: int,
    talent: Talent,
    weights_version: str,
    model_version: str | None,
    project_id: int,
) -> Match | None:
    """The freelancer's match with one project if their cached feed ranked it, else None."""
    if _seconds() <= 0:
        return None
    ranked = cache.get(
        _key(
            user_id=user_id,
            talent=talent,
            weights_version=weights_version,
            model_version=model_version,
        )
    )
    return next((m for m in ranked or () if m.gig_id == project_id), None)

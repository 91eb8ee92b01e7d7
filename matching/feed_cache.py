"""Rankings kept for a minute: a freelancer's gigs (the feed, its next pages and the match badge
on each project page) and a project's suggested talent, so that a page view does not rank the
whole market again.

What must show at once always does:
- the key holds a fingerprint of everything the scorer reads about the freelancer (their
  `Talent`: skills, rate, hours, languages, preferences, text), the weights' version and the
  encoder's, so a profile change or new weights miss the cache;
- every read drops the projects no longer open to them: closed, hidden, proposed on, or marked
  "not interested"; and, for suggested talent, the freelancers who since proposed, were
  invited, were hidden, withdrew their consent or were suspended (the caller's `keep`);
- suggested talent is keyed by the project's own fingerprint (its `Gig`): editing it ranks again.
What a minute may delay: a project published since (in feeds), a freelancer who joined or
changed their profile since (in suggested talent), and scores of the other side's edits.
`MATCHING_FEED_CACHE_SECONDS=0` turns the cache off (the test suite does, except its own tests).
The cache is Django's default one, Redis in production, so gunicorn workers share it; when Redis
is down the degrading cache misses and the feed is ranked as before.
"""

import dataclasses
import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from .features import Gig, Talent
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


def feed_key(
    *, user_id: int, talent: Talent, weights_version: str, model_version: str | None
) -> str:
    """The key of a freelancer's ranked gigs."""
    return (
        f"matching:feed:{FORMAT}:{user_id}:{_fingerprint(talent)}:{weights_version}:"
        f"{model_version or 'taxonomy'}"
    )


def talent_key(
    *, project_id: int, gig: Gig, consent: str, weights_version: str, model_version: str | None
) -> str:
    """The key of a project's ranked freelancers (suggested talent)."""
    return (
        f"matching:talent:{FORMAT}:{project_id}:{_fingerprint(gig)}:{consent}:{weights_version}:"
        f"{model_version or 'taxonomy'}"
    )


def _seconds() -> int:
    return int(getattr(settings, "MATCHING_FEED_CACHE_SECONDS", 60))


def remembered(
    *,
    key: str,
    compute: Callable[[], list[Match]],
    keep: Callable[[list[Match]], list[Match]],
) -> list[Match]:
    """A ranking, best first: `compute()` it (and keep it for the next minute), or, when the
    cache holds it, what `keep` leaves of it (the caller drops what is no longer shown)."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    ranked = cache.get(key)
    if ranked is None:
        ranked = compute()
        cache.set(key, ranked, seconds)
        return ranked
    return keep(ranked)


def cached_match(*, key: str, project_id: int) -> Match | None:
    """The match with one project in a kept feed, or None if there is none to read."""
    if _seconds() <= 0:
        return None
    return next((m for m in cache.get(key) or () if m.gig_id == project_id), None)

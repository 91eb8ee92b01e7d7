"""Writes about a person's signed-in sessions (allauth.usersessions keeps the list of them)."""

from allauth.usersessions.models import UserSession
from django.db import transaction
from django.http import HttpRequest

from accounts.models import User


@transaction.atomic
def sessions_end_others(*, request: HttpRequest, user: User) -> int:
    """End the person's other sessions and give this one a new key; how many ended."""
    current = request.session.session_key
    others = UserSession.objects.filter(user_id=user.pk).exclude(session_key=current)
    ended = 0
    for session in others:
        session.end()
        ended += 1
    # A new key for the session that stays: whoever copied the old one is left outside.
    request.session.cycle_key()
    if current:
        UserSession.objects.filter(session_key=current).update(
            session_key=request.session.session_key
        )
    return ended

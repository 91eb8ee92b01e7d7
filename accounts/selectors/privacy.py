"""Reads of a person's privacy choices: consent per AI feature, its history, audit-only attributes.

This module is the one place the pipelines read consent from. No Consent row for a feature
means its default (`FEATURE_DEFAULTS`, stated on the privacy page), so a pipeline must never
read the Consent table itself:

- `consent_granted(user=..., feature=...)` for one person (one query);
- `users_opted_out(feature=...)` for many: a subquery of user ids, to exclude them in the same
  query, e.g. ``MatchEvent.objects.exclude(actor__in=users_opted_out(feature=...))``.

Both read the table on every call (nothing is cached), so a change takes effect at once.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import (
    DECLARED_CHOICES,
    AIFeature,
    Consent,
    ConsentEvent,
    SelfDeclaredAttribute,
    User,
)

# Every feature is on until the person switches it off; the page states these.
FEATURE_DEFAULTS: dict[str, bool] = dict.fromkeys(AIFeature.values, True)

# One sentence each, in the person's terms: what the feature does with their data.
FEATURE_DESCRIPTIONS: dict[str, str] = {
    AIFeature.SUGGESTED_TO_EMPLOYERS: (
        "Employers see you in the “Suggested talent” ranked for their projects, and matching "
        "tells them why you fit; off, you are left out of those suggestions but employers can "
        "still find you by searching."
    ),
    AIFeature.MATCHED_FEED: (
        "Gigwise ranks open projects against your profile in “Gigs for you” and tells you "
        "when a new one matches; off, you browse projects yourself, newest first."
    ),
    AIFeature.TRAIN_ON_ACTIVITY: (
        "What you do with suggestions (opening, saving, “not interested”, proposals, invites, "
        "hires) helps Gigwise learn how much each matching criterion counts; off, your actions "
        "are left out of the next training run."
    ),
    AIFeature.MARKET_STATISTICS: (
        "The rates and amounts of contracts you are a party to count towards Gigwise's market "
        "figures (typical rates per skill) and its budget estimates; off, they are left out of "
        "the next computation."
    ),
}

# Features about being matched concern freelancers only; the other two concern everyone.
FREELANCER_ONLY = frozenset({AIFeature.SUGGESTED_TO_EMPLOYERS, AIFeature.MATCHED_FEED})


def features_for(user: User) -> list[str]:
    """The features that apply to the user's kind of account, in the page's order."""
    return [f for f in AIFeature.values if user.is_freelancer or f not in FREELANCER_ONLY]


@dataclass(frozen=True)
class ConsentState:
    """One feature as the privacy page and the API show it."""

    feature: str
    label: str
    description: str
    granted: bool
    default: bool

    @property
    def is_default(self) -> bool:
        return self.granted == self.default


def consent_granted(*, user: User, feature: str) -> bool:
    """Whether the person allows `feature` now: their choice, or the default without one."""
    granted = (
        Consent.objects.filter(user=user, feature=feature).values_list("granted", flat=True).first()
    )
    return FEATURE_DEFAULTS[feature] if granted is None else granted


def users_opted_out(*, feature: str) -> QuerySet:
    """Ids of the users who do not allow `feature`, as a subquery for ``__in`` filters.

    With the feature on by default they are those who switched it off; were a default ever
    off, they would be everyone who has not switched it on.
    """
    if FEATURE_DEFAULTS[feature]:
        return Consent.objects.filter(feature=feature, granted=False).values("user_id")
    allowed = Consent.objects.filter(feature=feature, granted=True).values("user_id")
    return User.objects.exclude(pk__in=allowed).values("pk")


def consents_for_user(*, user: User) -> list[ConsentState]:
    """Each feature that applies to the user with its current value and default (one query)."""
    chosen = dict(Consent.objects.filter(user=user).values_list("feature", "granted"))
    return [
        ConsentState(
            feature=feature,
            label=str(AIFeature(feature).label),
            description=FEATURE_DESCRIPTIONS[feature],
            granted=chosen.get(feature, FEATURE_DEFAULTS[feature]),
            default=FEATURE_DEFAULTS[feature],
        )
        for feature in features_for(user)
    ]


def consent_history(*, user: User) -> QuerySet[ConsentEvent]:
    """The user's own consent changes, newest first; nobody else's are ever in it."""
    return ConsentEvent.objects.filter(user=user).order_by("-created_at", "-pk")


def declared_attributes(*, user: User) -> dict[str, str]:
    """What the person shared for the fairness audit: attribute → value; "" where nothing is."""
    shared = dict(SelfDeclaredAttribute.objects.filter(user=user).values_list("attribute", "value"))
    return {attribute: shared.get(attribute, "") for attribute in DECLARED_CHOICES}

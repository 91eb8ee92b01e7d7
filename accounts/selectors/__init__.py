"""Reads about users, by topic: `people` (onboarding, completeness, tokens, currency),
`privacy` (consent per AI feature, its history, audit-only attributes) and `visibility` (who
may see a profile field).

The names of `people` are re-exported here, where callers imported them before the package.
"""

from .people import (
    DEFAULT_CURRENCY,
    ONBOARDING_MIN_SKILLS,
    ONBOARDING_STEPS,
    Completeness,
    OnboardingProgress,
    OnboardingStep,
    api_tokens_for_user,
    completeness_from_checks,
    employer_profile_completeness,
    freelancer_account_checks,
    freelancer_profile_of,
    language_names,
    onboarding_first_incomplete_step,
    onboarding_progress,
    preferred_currency,
)

__all__ = [
    "DEFAULT_CURRENCY",
    "ONBOARDING_MIN_SKILLS",
    "ONBOARDING_STEPS",
    "Completeness",
    "OnboardingProgress",
    "OnboardingStep",
    "api_tokens_for_user",
    "completeness_from_checks",
    "employer_profile_completeness",
    "freelancer_account_checks",
    "freelancer_profile_of",
    "language_names",
    "onboarding_first_incomplete_step",
    "onboarding_progress",
    "preferred_currency",
]

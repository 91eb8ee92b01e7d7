"""The person (user, role, profiles, API tokens) and their privacy choices."""

from .people import (
    CURRENCIES,
    LANGUAGE_CHOICES,
    LANGUAGE_CODES,
    ApiToken,
    EmployerProfile,
    FieldVisibility,
    FreelancerProfile,
    User,
    UserManager,
)
from .privacy import DECLARED_CHOICES, AIFeature, Consent, ConsentEvent, SelfDeclaredAttribute

__all__ = [
    "CURRENCIES",
    "DECLARED_CHOICES",
    "LANGUAGE_CHOICES",
    "LANGUAGE_CODES",
    "AIFeature",
    "ApiToken",
    "Consent",
    "ConsentEvent",
    "EmployerProfile",
    "FieldVisibility",
    "FreelancerProfile",
    "SelfDeclaredAttribute",
    "User",
    "UserManager",
]

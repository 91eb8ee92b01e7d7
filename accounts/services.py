"""Writes about users and their profiles."""

from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from .models import EmployerProfile, FreelancerProfile, User

FREELANCER_FIELDS = {
    "headline",
    "bio",
    "hourly_rate",
    "currency",
    "country",
    "timezone",
    "languages",
    "years_experience",
    "availability_hours_per_week",
    "min_rate",
    "budget_preference",
    "project_size",
    "remote_only",
}
EMPLOYER_FIELDS = {"company_name", "company_size", "country", "timezone", "website", "description"}


def profile_ensure(*, user: User) -> FreelancerProfile | EmployerProfile | None:
    """Return the profile that matches the user's role, creating it on first use."""
    if user.is_freelancer:
        return FreelancerProfile.objects.get_or_create(user=user)[0]
    if user.is_employer:
        return EmployerProfile.objects.get_or_create(user=user)[0]
    return None


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    role: str = "",
    first_name: str = "",
    last_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    email_verified: bool = False,
) -> User:
    """Create a user with the profile for their role and, if given, a verified address."""
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        first_name=first_name,
        last_name=last_name,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    profile_ensure(user=user)
    return user


def _apply(instance, allowed: set[str], fields: dict[str, Any]):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def freelancer_profile_update(*, profile: FreelancerProfile, **fields: Any) -> FreelancerProfile:
    """Validate and save changes to a freelancer's profile."""
    return _apply(profile, FREELANCER_FIELDS, fields)


@transaction.atomic
def employer_profile_update(*, profile: EmployerProfile, **fields: Any) -> EmployerProfile:
    """Validate and save changes to an employer's profile."""
    return _apply(profile, EMPLOYER_FIELDS, fields)


def user_name_update(*, user: User, first_name: str, last_name: str) -> User:
    """Save the name the user goes by (shown to the other side of a contract)."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.full_clean(validate_unique=False, exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    return user


def user_mark_onboarded(*, user: User) -> User:
    """Record that the user finished the onboarding wizard (first time only)."""
    if user.onboarded_at is None:
        user.onboarded_at = timezone.now()
        user.save(update_fields=["onboarded_at"])
    return user

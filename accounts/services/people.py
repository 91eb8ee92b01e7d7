"""Writes about users and their profiles: accounts, profiles and API tokens."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import ApiToken, EmployerProfile, FreelancerProfile, User
from ..tokens import PREFIX_SHOWN, token_digest, token_generate

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
EMPLOYER_FIELDS = {
    "company_name",
    "company_size",
    "country",
    "timezone",
    "website",
    "description",
    "currency",
}


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


MAX_API_TOKENS = 20
TOKEN_NAME_REQUIRED = "Name the token after what will use it, for example “CI script”."
TOKEN_NAME_TAKEN = "You already have a token called “{name}”; choose another name."
TOO_MANY_TOKENS = f"You can keep at most {MAX_API_TOKENS} tokens; revoke one you no longer use."


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a named token for the user; the raw token is returned once and never stored."""
    name = " ".join(name.split())
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation at a time
    if not name:
        raise ValidationError({"name": TOKEN_NAME_REQUIRED})
    if user.api_tokens.filter(name=name).exists():
        raise ValidationError({"name": TOKEN_NAME_TAKEN.format(name=name)})
    if user.api_tokens.count() >= MAX_API_TOKENS:
        raise ValidationError({"name": TOO_MANY_TOKENS})
    raw = token_generate()
    token = ApiToken(user=user, name=name, prefix=raw[:PREFIX_SHOWN], digest=token_digest(raw))
    token.full_clean()
    token.save()
    return token, raw


def api_token_revoke(*, user: User, token_id: int) -> None:
    """Delete one of the user's tokens; requests using it are refused from now on."""
    user.api_tokens.filter(pk=token_id).delete()


def api_token_touch(*, token: ApiToken, now) -> None:
    """Record when a token was last used, at most once a minute (not a write per request)."""
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

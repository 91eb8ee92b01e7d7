"""Writes of a person's privacy choices: consent per AI feature, field visibility, audit-only
attributes, and the profile photo.

A consent change is recorded as a ConsentEvent in the same transaction as the Consent it sets,
and only when the value changes: setting what is already in force records nothing. Pipelines
read consent when they run (`accounts.selectors.privacy`), so a change applies to the next
ranking, training run or aggregation without anything to enqueue.
"""

import secrets
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from ..models import (
    DECLARED_CHOICES,
    AIFeature,
    Consent,
    ConsentEvent,
    FieldVisibility,
    FreelancerProfile,
    SelfDeclaredAttribute,
    User,
)
from ..photos import photo_reencode
from ..selectors.privacy import consent_granted, features_for
from ..selectors.visibility import VISIBILITY_FIELDS

FEATURE_UNKNOWN = "“{feature}” is not an AI feature; choose one of: {choices}."
FEATURE_NOT_YOURS = "“{label}” concerns freelancers only; it does not apply to your account."
VISIBILITY_INVALID = "Choose who may see it: " + ", ".join(FieldVisibility.values) + "."
VISIBILITY_NOT_YOURS = (
    "Only freelancers have profile fields (rate, country, photo) to show or hide."
)
DECLARED_INVALID = "Choose one of the listed answers, or “Prefer not to say”."


def _check_feature(user: User, feature: str) -> None:
    if feature not in AIFeature.values:
        choices = ", ".join(AIFeature.values)
        raise ValidationError({feature: FEATURE_UNKNOWN.format(feature=feature, choices=choices)})
    if feature not in features_for(user):
        raise ValidationError({feature: FEATURE_NOT_YOURS.format(label=AIFeature(feature).label)})


@transaction.atomic
def consent_set(*, user: User, feature: str, granted: bool, source: str) -> ConsentEvent | None:
    """Set one feature's consent and record the change; None when it was already so."""
    _check_feature(user, feature)
    # One change at a time per person, so two tabs saving at once record each change once.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if consent_granted(user=user, feature=feature) == granted:
        return None
    Consent.objects.update_or_create(user=user, feature=feature, defaults={"granted": granted})
    return ConsentEvent.objects.create(user=user, feature=feature, granted=granted, source=source)


@transaction.atomic
def consents_set(*, user: User, choices: Mapping[str, bool], source: str) -> list[ConsentEvent]:
    """Set several features at once (all or none); returns the changes recorded."""
    for feature in choices:
        _check_feature(user, feature)
    events = [
        consent_set(user=user, feature=feature, granted=granted, source=source)
        for feature, granted in choices.items()
    ]
    return [event for event in events if event is not None]


@transaction.atomic
def profile_visibility_set(
    *, profile: FreelancerProfile, choices: Mapping[str, str]
) -> FreelancerProfile:
    """Set who else sees the rate, country and photo (keys: rate, country, photo)."""
    errors = {}
    for name, visibility in choices.items():
        if name not in VISIBILITY_FIELDS:
            raise TypeError(f"Not a field with a visibility: {name}")
        if visibility not in FieldVisibility.values:
            errors[name] = VISIBILITY_INVALID
    if errors:
        raise ValidationError(errors)
    attributes = [VISIBILITY_FIELDS[name] for name in choices]
    for name, visibility in choices.items():
        setattr(profile, VISIBILITY_FIELDS[name], visibility)
    profile.save(update_fields=[*attributes, "updated_at"])
    return profile


@transaction.atomic
def privacy_settings_update(
    *,
    user: User,
    consents: Mapping[str, bool],
    visibility: Mapping[str, str],
    source: str,
) -> list[ConsentEvent]:
    """Set consents and field visibility together (all or nothing); returns consent changes."""
    if visibility:
        if not user.is_freelancer:
            raise ValidationError({"visibility": VISIBILITY_NOT_YOURS})
        profile_visibility_set(profile=user.freelancer_profile, choices=visibility)
    return consents_set(user=user, choices=consents, source=source)


@transaction.atomic
def declared_attributes_set(*, user: User, values: Mapping[str, str]) -> dict[str, str]:
    """Replace what the person shares for the fairness audit; "" (or left out) removes one."""
    errors = {}
    for attribute, value in values.items():
        if attribute not in DECLARED_CHOICES:
            raise TypeError(f"Not a self-declared attribute: {attribute}")
        if value and value not in dict(DECLARED_CHOICES[attribute]):
            errors[attribute] = DECLARED_INVALID
    if errors:
        raise ValidationError(errors)
    shared = {attribute: values.get(attribute, "") for attribute in DECLARED_CHOICES}
    SelfDeclaredAttribute.objects.filter(
        user=user, attribute__in=[a for a, v in shared.items() if not v]
    ).delete()
    for attribute, value in shared.items():
        if value:
            SelfDeclaredAttribute.objects.update_or_create(
                user=user, attribute=attribute, defaults={"value": value}
            )
    return shared


@transaction.atomic
def freelancer_photo_set(*, profile: FreelancerProfile, upload) -> FreelancerProfile:
    """Check and re-encode the upload (see accounts.photos) and make it the profile's photo."""
    data = photo_reencode(upload)
    previous = profile.photo.name if profile.photo else ""
    # An unguessable name: the file is only ever served by a view that applies its visibility,
    # and a name nobody can guess stays private even if the folder were exposed by mistake.
    profile.photo.save(f"{secrets.token_urlsafe(16)}.jpg", ContentFile(data), save=False)
    profile.save(update_fields=["photo", "updated_at"])
    if previous:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return profile


@transaction.atomic
def freelancer_photo_remove(*, profile: FreelancerProfile) -> FreelancerProfile:
    """Remove the profile's photo and its file."""
    if not profile.photo:
        return profile
    name, storage = profile.photo.name, profile.photo.storage
    profile.photo = ""
    profile.save(update_fields=["photo", "updated_at"])
    transaction.on_commit(lambda: storage.delete(name))
    return profile

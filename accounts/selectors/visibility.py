"""Who may see a freelancer's rate, country and photo: the rule, in one place.

The owner and staff always see every field. Anyone else sees a field when its visibility is
EVERYONE; EMPLOYERS lets signed-in employers see it; CLIENTS only employers the freelancer has a
proposal, invitation or contract with (`is_client`, which projects works out, since it owns
those); NOBODY nobody else. Matching and statistics read the real values whatever is chosen:
visibility is about what other people are shown.
"""

from dataclasses import dataclass

from ..models import FieldVisibility, FreelancerProfile, User

# The fields a freelancer controls, and the profile attribute holding each one's visibility.
VISIBILITY_FIELDS: dict[str, str] = {
    "rate": "rate_visibility",
    "country": "country_visibility",
    "photo": "photo_visibility",
}


# Who sees a field, as a sentence to the freelancer says it ("shown to ...").
AUDIENCE: dict[str, str] = {
    FieldVisibility.EVERYONE: "everyone, including visitors who are not signed in",
    FieldVisibility.EMPLOYERS: "signed-in employers",
    FieldVisibility.CLIENTS: "employers you have a proposal, invitation or contract with",
    FieldVisibility.NOBODY: "nobody but you",
}


@dataclass(frozen=True)
class ShownFields:
    """Which of a freelancer's controlled fields one viewer may see."""

    rate: bool = True
    country: bool = True
    photo: bool = True


ALL_SHOWN = ShownFields()


def field_visible(*, visibility: str, viewer: User | None, owner_id: int, is_client: bool) -> bool:
    """Whether `viewer` (None or anonymous: a visitor) may see a field set to `visibility`."""
    signed_in = viewer is not None and viewer.is_authenticated
    if signed_in and (viewer.pk == owner_id or viewer.is_staff):
        return True
    if visibility == FieldVisibility.EVERYONE:
        return True
    if not signed_in or not viewer.is_employer:
        return False
    if visibility == FieldVisibility.EMPLOYERS:
        return True
    return visibility == FieldVisibility.CLIENTS and is_client


def needs_client_check(profile: FreelancerProfile) -> bool:
    """Whether any field of the profile is limited to the freelancer's clients."""
    return any(
        getattr(profile, attribute) == FieldVisibility.CLIENTS
        for attribute in VISIBILITY_FIELDS.values()
    )


def shown_fields(
    *, profile: FreelancerProfile, viewer: User | None, is_client: bool
) -> ShownFields:
    """The profile's controlled fields that `viewer` may see."""
    return ShownFields(
        **{
            name: field_visible(
                visibility=getattr(profile, attribute),
                viewer=viewer,
                owner_id=profile.user_id,
                is_client=is_client,
            )
            for name, attribute in VISIBILITY_FIELDS.items()
        }
    )

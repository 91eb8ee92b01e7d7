"""API: the signed-in user's privacy settings (``/api/v1/me/privacy/...``), as on the page.

Consent per AI feature (with its default; no choice made means the default), who else sees a
freelancer's rate, country and photo, the history of consent changes, and the answers a
freelancer shares for the fairness audit only. Same selectors and services as the page; a
change made here is recorded with the source ``api``.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.permissions import IsFreelancer

from .models import DECLARED_CHOICES, AIFeature, ConsentEvent, FieldVisibility, User
from .selectors.privacy import (
    FEATURE_DEFAULTS,
    consent_history,
    consents_for_user,
    declared_attributes,
    features_for,
)
from .selectors.visibility import VISIBILITY_FIELDS
from .services.privacy import (
    FEATURE_NOT_YOURS,
    VISIBILITY_NOT_YOURS,
    declared_attributes_set,
    privacy_settings_update,
)

FEATURE_HELP = "; ".join(f"`{f}` ({AIFeature(f).label})" for f in AIFeature.values)
VISIBILITY_HELP = "; ".join(f"`{value}`: {label}" for value, label in FieldVisibility.choices)


class ConsentSerializer(serializers.Serializer):
    feature = serializers.ChoiceField(choices=AIFeature.choices)
    label = serializers.CharField()
    description = serializers.CharField(help_text="What the feature does with your data.")
    granted = serializers.BooleanField(help_text="Whether you allow it now.")
    default = serializers.BooleanField(help_text="Its value until you choose (on for all four).")


def _visibility_field(field: str, label: str, **kwargs) -> serializers.ChoiceField:
    # Each field's enum gets its own id, so drf-spectacular names one component per field
    # (RateVisibilityEnum, ...) without warning that one choice set has several names.
    schema = {"type": "string", "enum": FieldVisibility.values, "x-spec-enum-id": field}
    help_text = f"Who else sees your {label}: {VISIBILITY_HELP}. You and staff always do."
    if kwargs.get("allow_null"):
        schema["nullable"] = True
        help_text += " Null for accounts other than freelancers."
    # A class of its own per field: the schema is attached to the class it decorates.
    field_class = extend_schema_field(schema)(
        type("VisibilityField", (serializers.ChoiceField,), {})
    )
    return field_class(
        choices=FieldVisibility.choices,
        help_text=help_text,
        error_messages={"invalid_choice": f"Choose one of: {', '.join(FieldVisibility.values)}."},
        **kwargs,
    )


class PrivacySerializer(serializers.Serializer):
    consents = ConsentSerializer(
        many=True, help_text="The AI features that apply to your kind of account."
    )
    rate_visibility = _visibility_field("rate_visibility", "hourly rate", allow_null=True)
    country_visibility = _visibility_field("country_visibility", "country", allow_null=True)
    photo_visibility = _visibility_field("photo_visibility", "photo", allow_null=True)


class PrivacyUpdateSerializer(serializers.Serializer):
    """What to change; anything left out keeps its value."""

    consents = serializers.DictField(
        child=serializers.BooleanField(),
        required=False,
        help_text=f"Feature → allowed; features left out keep their value. {FEATURE_HELP}.",
    )
    rate_visibility = _visibility_field("rate_visibility", "hourly rate", required=False)
    country_visibility = _visibility_field("country_visibility", "country", required=False)
    photo_visibility = _visibility_field("photo_visibility", "photo", required=False)

    # Field by field, so one answer names every field to fix.
    def validate_consents(self, consents: dict) -> dict:
        user: User = self.context["user"]
        errors = {}
        for feature in consents:
            if feature not in FEATURE_DEFAULTS:
                errors[feature] = f"Not an AI feature; choose from: {', '.join(AIFeature.values)}."
            elif feature not in features_for(user):
                errors[feature] = FEATURE_NOT_YOURS.format(label=AIFeature(feature).label)
        if errors:
            raise serializers.ValidationError(errors)
        return consents

    def _freelancers_only(self, value: str) -> str:
        if not self.context["user"].is_freelancer:
            raise serializers.ValidationError(VISIBILITY_NOT_YOURS)
        return value

    validate_rate_visibility = _freelancers_only
    validate_country_visibility = _freelancers_only
    validate_photo_visibility = _freelancers_only

    def visibility(self) -> dict[str, str]:
        """The visibility choices sent, keyed as the service takes them (rate, country, photo)."""
        sent = self.validated_data
        return {name: sent[attr] for name, attr in VISIBILITY_FIELDS.items() if attr in sent}


def _privacy_of(user: User) -> dict:
    profile = user.freelancer_profile if user.is_freelancer else None
    return {
        "consents": consents_for_user(user=user),
        **{attr: getattr(profile, attr, None) for attr in VISIBILITY_FIELDS.values()},
    }


class PrivacyView(GenericAPIView):
    serializer_class = PrivacySerializer

    @extend_schema(responses=PrivacySerializer)
    def get(self, request: Request) -> Response:
        """Your privacy settings: each AI feature you allow, and who sees your profile fields."""
        return Response(PrivacySerializer(_privacy_of(request.user)).data)

    @extend_schema(request=PrivacyUpdateSerializer, responses=PrivacySerializer)
    def patch(self, request: Request) -> Response:
        """Switch AI features on or off, and choose who sees your rate, country and photo.

        Each change applies at once (to the next ranking, training run or statistics run) and
        is added to your history; setting what is already in force records nothing.
        """
        data = PrivacyUpdateSerializer(data=request.data, context={"user": request.user})
        data.is_valid(raise_exception=True)
        privacy_settings_update(
            user=request.user,
            consents=data.validated_data.get("consents", {}),
            visibility=data.visibility(),
            source=ConsentEvent.Source.API,
        )
        if request.user.is_freelancer:
            request.user.freelancer_profile.refresh_from_db()
        return Response(PrivacySerializer(_privacy_of(request.user)).data)


class ConsentEventSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()

    class Meta:
        model = ConsentEvent
        fields = ["feature", "label", "granted", "source", "created_at"]
        read_only_fields = fields

    def get_label(self, event: ConsentEvent) -> str:
        return str(AIFeature(event.feature).label)


class PrivacyHistory(ListAPIView):
    """Every change of your AI consents, newest first: what, to which value, when, from where."""

    serializer_class = ConsentEventSerializer
    filter_backends = []

    def get_queryset(self):
        return consent_history(user=self.request.user)


def _declared_field(attribute: str) -> serializers.ChoiceField:
    values = [value for value, _label in DECLARED_CHOICES[attribute]]
    return serializers.ChoiceField(
        choices=values,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Null, empty or left out: prefer not to say (nothing is kept).",
        error_messages={
            "invalid_choice": f"Choose one of: {', '.join(values)}; or null to share nothing."
        },
    )


class DeclaredAttributesSerializer(serializers.Serializer):
    """Shared only so Gigwise can check its rankings treat groups fairly; never used to rank."""

    gender = _declared_field("gender")
    age_band = _declared_field("age_band")
    disability = _declared_field("disability")

    def to_representation(self, values: dict) -> dict:
        return {attribute: values.get(attribute) or None for attribute in DECLARED_CHOICES}


class DeclaredAttributesView(GenericAPIView):
    serializer_class = DeclaredAttributesSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(responses=DeclaredAttributesSerializer)
    def get(self, request: Request) -> Response:
        """What you share for the fairness audit only; null where you prefer not to say."""
        shared = declared_attributes(user=request.user)
        return Response(DeclaredAttributesSerializer(shared).data)

    @extend_schema(request=DeclaredAttributesSerializer, responses=DeclaredAttributesSerializer)
    def put(self, request: Request) -> Response:
        """Replace what you share for the fairness audit; what you leave out is removed.

        Used only to check that rankings treat groups fairly (exposure by group), never to rank
        anyone; remove it at any time by sending nulls.
        """
        data = DeclaredAttributesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {key: value or "" for key, value in data.validated_data.items()}
        shared = declared_attributes_set(user=request.user, values=values)
        return Response(DeclaredAttributesSerializer(shared).data)


urlpatterns = [
    path("me/privacy/", PrivacyView.as_view(), name="me-privacy"),
    path("me/privacy/history/", PrivacyHistory.as_view(), name="me-privacy-history"),
    path(
        "me/privacy/audit-attributes/",
        DeclaredAttributesView.as_view(),
        name="me-privacy-audit-attributes",
    ),
]

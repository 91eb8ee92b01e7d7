"""API: the signed-in freelancer's portfolio (``/api/v1/me/portfolio/``).

A portfolio item is text and a link; the website takes no uploads for it either, so there is no
image or file to send here.
"""

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.services import profile_ensure
from marketplace.api.permissions import IsFreelancer
from projects.forms import unknown_skill_message
from projects.models import PortfolioItem, Skill
from projects.selectors.profile import portfolio_item_get_for_user, portfolio_items
from projects.selectors.skills import skill_resolve
from projects.services.talent import (
    MAX_PORTFOLIO_ITEM_SKILLS,
    PORTFOLIO_TITLE_REQUIRED,
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_update,
)
from projects.skill_names import normalise

LINK_INVALID = "Enter a web address, for example https://example.com/my-work."


class PortfolioItemSerializer(serializers.ModelSerializer):
    link = serializers.CharField(read_only=True, help_text="A web address, or empty.")
    skills = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="Names of the skills used."
    )

    class Meta:
        model = PortfolioItem
        fields = ["id", "title", "description", "link", "skills", "created_at"]
        read_only_fields = fields


class PortfolioLinkField(serializers.CharField):
    """A web address; as on the website, one typed without a scheme is taken as https://."""

    default_error_messages = {"invalid": LINK_INVALID}

    def to_internal_value(self, data) -> str:
        text = super().to_internal_value(data)
        if not text:
            return ""
        try:
            return forms.URLField(assume_scheme="https").clean(text)
        except DjangoValidationError:
            self.fail("invalid")


class PortfolioItemWriteSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=120,
        error_messages={
            "required": PORTFOLIO_TITLE_REQUIRED,
            "blank": PORTFOLIO_TITLE_REQUIRED,
            "max_length": "A title can be at most 120 characters.",
        },
    )
    description = serializers.CharField(
        max_length=5000,
        allow_blank=True,
        required=False,
        error_messages={"max_length": "A description can be at most 5,000 characters."},
    )
    link = PortfolioLinkField(
        max_length=200,
        allow_blank=True,
        required=False,
        help_text="Where the work can be seen; https:// is added when left out.",
        error_messages={"max_length": "A link can be at most 200 characters."},
    )
    skills = serializers.ListField(
        child=serializers.CharField(max_length=200),
        max_length=MAX_PORTFOLIO_ITEM_SKILLS,
        required=False,
        help_text="Skill names or aliases from the taxonomy (“postgres” is PostgreSQL); "
        "an empty list clears them.",
        error_messages={
            "max_length": f"List at most {MAX_PORTFOLIO_ITEM_SKILLS} skills for one piece of work."
        },
    )

    def validate_skills(self, names: list[str]) -> list[Skill]:
        skills: list[Skill] = []
        unknown: list[str] = []
        seen: set[str] = set()
        for name in (" ".join(name.split()) for name in names):
            if not normalise(name) or normalise(name) in seen:
                continue
            seen.add(normalise(name))
            skill = skill_resolve(name)
            if skill is None:
                unknown.append(name)
            elif skill not in skills:
                skills.append(skill)
        if unknown:
            raise serializers.ValidationError([unknown_skill_message(name) for name in unknown])
        return skills


class PortfolioList(ListAPIView):
    """Your portfolio items, newest first."""

    serializer_class = PortfolioItemSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    def get_queryset(self) -> QuerySet[PortfolioItem]:
        return portfolio_items(profile_ensure(user=self.request.user))

    @extend_schema(request=PortfolioItemWriteSerializer, responses={201: PortfolioItemSerializer})
    def post(self, request: Request) -> Response:
        """Add a piece of work to your portfolio.

        Skills are named as in the skill picker; a name the taxonomy does not know is refused
        with suggestions. A portfolio holds at most 20 items.
        """
        data = PortfolioItemWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = portfolio_item_create(
            profile=profile_ensure(user=request.user), **data.validated_data
        )
        return Response(PortfolioItemSerializer(item).data, status=status.HTTP_201_CREATED)


class PortfolioDetail(GenericAPIView):
    serializer_class = PortfolioItemSerializer
    permission_classes = [IsFreelancer]

    def _item(self, pk: int) -> PortfolioItem:
        return portfolio_item_get_for_user(self.request.user, pk)

    @extend_schema(responses=PortfolioItemSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One of your portfolio items."""
        return Response(PortfolioItemSerializer(self._item(pk)).data)

    @extend_schema(request=PortfolioItemWriteSerializer, responses=PortfolioItemSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Change any of a portfolio item's fields; `skills`, when given, replaces the list."""
        item = self._item(pk)
        data = PortfolioItemWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        portfolio_item_update(item=item, **data.validated_data)
        return Response(PortfolioItemSerializer(self._item(pk)).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Delete a piece of work from your portfolio."""
        item = self._item(pk)
        portfolio_item_delete(profile=item.profile, item_id=item.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("me/portfolio/", PortfolioList.as_view(), name="me-portfolio-list"),
    path("me/portfolio/<int:pk>/", PortfolioDetail.as_view(), name="me-portfolio-detail"),
]

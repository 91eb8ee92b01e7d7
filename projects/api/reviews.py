"""API: double-blind reviews (``contracts/{id}/reviews/``, ``freelancers|employers/{id}/reviews/``).

Once a contract ends each party may review the other once, within Review.BLIND_DAYS. A review is
published once both sides have written one, or when that period ends; until then only its
author sees it. Published reviews of a freelancer or an employer are readable by anyone signed
in, as on the freelancer's profile page (without the author's name, as there).
"""

from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from projects.models import Contract, Review
from projects.selectors.contracts import contract_get_for_party, contract_get_for_user
from projects.selectors.reputation import (
    contract_reviews,
    review_is_published,
    review_subject_get,
    reviews_visible_as,
)
from projects.services.reviews import RATING_RANGE, TEXT_TOO_LONG, review_create, review_window_end


class ReviewPersonSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "display_name"]


class ReviewSerializer(serializers.ModelSerializer):
    """A review as the parties of its contract see it."""

    author = ReviewPersonSerializer(read_only=True)
    subject = ReviewPersonSerializer(read_only=True)
    rating = serializers.FloatField(read_only=True, help_text="The mean of the three ratings.")
    is_published = serializers.SerializerMethodField(
        help_text="Shown to the other side: both have reviewed, or the review period ended."
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "contract",
            "direction",
            "author",
            "subject",
            "rating_quality",
            "rating_communication",
            "rating_timeliness",
            "rating",
            "text",
            "is_published",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_is_published(self, review: Review) -> bool:
        return review.pk in self.context["published_ids"]


class ContractReviewsSerializer(serializers.Serializer):
    """A contract's reviews as you may see them: the other side's only once published."""

    mine = ReviewSerializer(allow_null=True, read_only=True, help_text="Your review, if any.")
    theirs = ReviewSerializer(
        allow_null=True, read_only=True, help_text="The other side's review, once published."
    )
    theirs_waiting = serializers.BooleanField(
        read_only=True, help_text="The other side has reviewed you; it shows once published."
    )
    published = ReviewSerializer(many=True, read_only=True)
    window_ends_at = serializers.DateTimeField(
        allow_null=True,
        read_only=True,
        help_text="Reviews close, and every review shows, at this time (null while active).",
    )
    can_review = serializers.BooleanField(read_only=True)


def _stars(label: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=5,
        help_text=f"{label}: 1 (poor) to 5 (excellent).",
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), RATING_RANGE
        )
        | {"max_string_length": RATING_RANGE},
    )


class ReviewCreateSerializer(serializers.Serializer):
    rating_quality = _stars("Quality of the work, or clarity of requirements (of an employer)")
    rating_communication = _stars("Communication")
    rating_timeliness = _stars("Deadlines met, or prompt payment and answers (of an employer)")
    text = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        error_messages={"max_length": TEXT_TOO_LONG},
    )


class PublishedReviewSerializer(serializers.ModelSerializer):
    """A published review of a freelancer or employer, as anyone signed in may read it."""

    rating = serializers.FloatField(read_only=True, help_text="The mean of the three ratings.")
    contract_title = serializers.CharField(source="contract.title", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "direction",
            "rating_quality",
            "rating_communication",
            "rating_timeliness",
            "rating",
            "text",
            "contract_title",
            "created_at",
        ]
        read_only_fields = fields


def review_possible(contract: Contract, *, user: User, reviewed: bool) -> bool:
    """Whether `user` may still review the contract: a party, ended, in the review period."""
    window_end = review_window_end(contract)
    return (
        contract.party_role(user) is not None
        and not reviewed
        and not contract.is_active
        and window_end is not None
        and timezone.now() < window_end
    )


def _contract_reviews_data(contract: Contract, user: User) -> dict:
    seen = contract_reviews(contract=contract, user=user)
    is_party = contract.party_role(user) is not None
    published_ids = {review.pk for review in seen.published}
    value = {
        # Staff are not a side: they see the published reviews only, as on the contract page.
        "mine": seen.mine if is_party else None,
        "theirs": seen.theirs if is_party else None,
        "theirs_waiting": seen.theirs_waiting if is_party else False,
        "published": seen.published,
        "window_ends_at": review_window_end(contract),
        "can_review": review_possible(contract, user=user, reviewed=seen.mine is not None),
    }
    return ContractReviewsSerializer(value, context={"published_ids": published_ids}).data


class ContractReviews(GenericAPIView):
    serializer_class = ContractReviewsSerializer

    @extend_schema(responses=ContractReviewsSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """The contract's reviews as you may see them (double-blind).

        Your own review always; the other side's only once both have reviewed or the review
        period has ended. Staff may look at the published ones; anybody else gets 404.
        """
        contract = contract_get_for_user(user=request.user, pk=pk)
        return Response(_contract_reviews_data(contract, request.user))

    @extend_schema(request=ReviewCreateSerializer, responses={201: ReviewSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Review the other party of an ended contract (once, within the review period).

        The review stays hidden from them until they review you or the period ends. An active
        contract, a second review, or a closed period is a 400 that says which.
        """
        contract = contract_get_for_party(user=request.user, pk=pk)
        data = ReviewCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = review_create(contract=contract, author=request.user, **data.validated_data)
        published_ids = {review.pk} if review_is_published(review) else set()
        body = ReviewSerializer(review, context={"published_ids": published_ids}).data
        return Response(body, status=201)


class _PublishedReviewList(ListAPIView):
    serializer_class = PublishedReviewSerializer
    filter_backends = []
    role = User.Role.FREELANCER

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        subject = review_subject_get(pk=self.kwargs["pk"], role=self.role)
        return reviews_visible_as(subject=subject, role=self.role)


class FreelancerReviews(_PublishedReviewList):
    role = User.Role.FREELANCER

    @extend_schema(responses=PublishedReviewSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Published reviews of a freelancer by the employers they worked for, newest first.

        An id that is not an active freelancer is a 404.
        """
        return super().get(request, *args, **kwargs)


class EmployerReviews(_PublishedReviewList):
    role = User.Role.EMPLOYER

    @extend_schema(responses=PublishedReviewSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Published reviews of an employer by the freelancers they hired, newest first.

        An id that is not an active employer is a 404.
        """
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("contracts/<int:pk>/reviews/", ContractReviews.as_view(), name="contract-reviews"),
    path("freelancers/<int:pk>/reviews/", FreelancerReviews.as_view(), name="freelancer-reviews"),
    path("employers/<int:pk>/reviews/", EmployerReviews.as_view(), name="employer-reviews"),
]

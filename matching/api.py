"""API: matches for both sides, with their scores and reasons, and feedback on them.

``/api/v1/matches/projects/`` is the freelancer's "Gigs for you", ``/api/v1/projects/{id}/matches/``
the owner's "Suggested talent", and ``/api/v1/matches/feedback/`` records what a person did with
a match ("not interested" hides it at once). Same selectors and services as the pages.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from marketplace.api.pagination import PagePagination
from marketplace.api.permissions import HasMarketplaceRole, IsEmployer, IsFreelancer
from projects.api.project_serializers import ProjectCardSerializer
from projects.api.projects import MAX_ID
from projects.selectors.projects import project_get_for_user
from projects.selectors.proposals import freelancer_to_invite, project_get_for_owner

from .models import MatchEvent
from .selectors import MatchList, gig_feed, gig_rows, suggested_talent, talent_rows
from .services import REASON_MAX, match_event_record

# What a client may report; proposals, invites, shortlists and hires are recorded where they
# happen, never on a client's word.
CLIENT_KINDS = [
    MatchEvent.Kind.IMPRESSION,
    MatchEvent.Kind.OPEN,
    MatchEvent.Kind.SAVE,
    MatchEvent.Kind.NOT_INTERESTED,
]
FREELANCER_REQUIRED = "Name the freelancer this feedback is about (their user id)."
FREELANCER_UNKNOWN = "There is no active freelancer with this id."


class MatchFieldsSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="0 to 1: the weighted criteria plus any boost.")
    percent = serializers.IntegerField(help_text="The score as the pages show it.")
    components = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Each criterion that applied, 0 to 1 (see /how-matching-works/).",
    )
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="The explanation, one reason each, with figures."
    )
    explanation = serializers.CharField(help_text="The reasons as one sentence.")
    newcomer_boost = serializers.FloatField(help_text="Added because the person is new; or 0.")


class MatchedProjectSerializer(MatchFieldsSerializer):
    project = ProjectCardSerializer()


class MatchedFreelancerSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The freelancer's user id.")
    display_name = serializers.CharField()
    headline = serializers.CharField()
    hourly_rate = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        allow_null=True,
        help_text="Null when not given, or when the freelancer shows their rate to fewer people "
        "than you (their privacy settings); the reasons then do not quote it either.",
    )
    currency = serializers.CharField(
        allow_null=True, help_text="The rate's currency; null when the rate is."
    )


class MatchedTalentSerializer(MatchFieldsSerializer):
    freelancer = MatchedFreelancerSerializer()


class MatchPagination(PagePagination):
    """Pages of matches, with why the list is degraded or empty when it is."""

    def paginate_matches(self, result: MatchList, request: Request, view) -> list:
        self.result = result
        return self.paginate_queryset(result.matches, request, view)

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        response.data["notice"] = self.result.notice
        response.data["empty_reason"] = self.result.empty_reason
        response.data["weights_version"] = self.result.weights_version
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"].update(
            notice={
                "type": "string",
                "description": "Set when matching runs on the skill taxonomy alone.",
            },
            empty_reason={
                "type": "string",
                "description": "Why there is nothing to show, and what to do about it.",
            },
            weights_version={"type": "string", "description": "The scorer's weights in use."},
        )
        paginated["required"] = [*paginated.get("required", []), "notice", "empty_reason"]
        return paginated


def _match_fields(match) -> dict:
    return {
        "score": match.score,
        "percent": match.percent,
        "components": match.components,
        "reasons": match.reasons,
        "explanation": match.explanation,
        "newcomer_boost": match.newcomer_boost,
    }


class _MatchListView(GenericAPIView):
    pagination_class = MatchPagination
    filter_backends = []

    def _page(self, request: Request, result: MatchList) -> list:
        return self.paginator.paginate_matches(result, request, self)


class MatchedProjects(_MatchListView):
    serializer_class = MatchedProjectSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(responses=MatchedProjectSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Open projects ranked for you, best first, each with its score and reasons.

        Projects you sent a proposal on or said "not interested" to are left out. With an empty
        profile the list is empty and `empty_reason` says what to add.
        """
        page = self._page(request, gig_feed(user=request.user))
        rows = gig_rows(page)
        data = [{"project": project, **_match_fields(match)} for project, match in rows]
        return self.get_paginated_response(MatchedProjectSerializer(data, many=True).data)


class ProjectMatches(_MatchListView):
    serializer_class = MatchedTalentSerializer
    permission_classes = [IsEmployer]

    @extend_schema(responses=MatchedTalentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """Freelancers suggested for one of your open projects, best first, with reasons.

        People who already sent a proposal, were invited or whom you marked "not interested"
        are left out; a project that is not open has no suggestions.
        """
        project = project_get_for_owner(user=request.user, pk=pk)
        result = suggested_talent(project=project) if project.is_open else MatchList()
        if not project.is_open:
            result.empty_reason = "Suggestions are made while a project is open to proposals."
        page = self._page(request, result)
        data = [
            {
                "freelancer": {
                    "id": profile.user_id,
                    "display_name": profile.user.display_name,
                    "headline": profile.headline,
                    "hourly_rate": profile.hourly_rate if profile.shown.rate else None,
                    "currency": profile.currency if profile.shown.rate else None,
                },
                **_match_fields(match),
            }
            for profile, match in talent_rows(page, viewer=request.user)
        ]
        return self.get_paginated_response(MatchedTalentSerializer(data, many=True).data)


class MatchFeedbackSerializer(serializers.Serializer):
    project = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    freelancer = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="Employers: the freelancer it is about. Freelancers: leave out (it is you).",
    )
    kind = serializers.ChoiceField(choices=[(k, k.label) for k in CLIENT_KINDS])
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)


class MatchEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    freelancer = serializers.IntegerField(source="freelancer_id")
    kind = serializers.ChoiceField(choices=MatchEvent.Kind.choices)
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class MatchFeedback(GenericAPIView):
    serializer_class = MatchEventSerializer
    permission_classes = [HasMarketplaceRole]
    extra_error_codes = (404,)  # the project named in the body is not one the caller can see

    @extend_schema(request=MatchFeedbackSerializer, responses={201: MatchEventSerializer})
    def post(self, request: Request) -> Response:
        """Record what you did with a match: seen, opened, saved, or "not interested".

        "Not interested" leaves your list at once; sending it again keeps one record with the
        latest reason. A project you cannot see, or that is not yours (employers), is 404.
        """
        data = MatchFeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sent = data.validated_data
        user: User = request.user
        if user.is_employer:
            project = project_get_for_owner(user=user, pk=sent["project"])
            if "freelancer" not in sent:
                raise serializers.ValidationError({"freelancer": [FREELANCER_REQUIRED]})
            freelancer = freelancer_to_invite(pk=sent["freelancer"])
            if freelancer is None:
                raise serializers.ValidationError({"freelancer": [FREELANCER_UNKNOWN]})
        else:
            project = project_get_for_user(user=user, pk=sent["project"])
            freelancer = user
        event = match_event_record(
            actor=user,
            kind=sent["kind"],
            freelancer=freelancer,
            project=project,
            reason=sent.get("reason", ""),
        )
        return Response(MatchEventSerializer(event).data, status=201)


urlpatterns = [
    path("matches/projects/", MatchedProjects.as_view(), name="matches-projects"),
    path("matches/feedback/", MatchFeedback.as_view(), name="matches-feedback"),
    path("projects/<int:pk>/matches/", ProjectMatches.as_view(), name="project-matches"),
]

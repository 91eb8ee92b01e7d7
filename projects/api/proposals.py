"""API: proposals — freelancers send, edit and withdraw them; employers review, decide and hire.

As in the web pages, a proposal is seen only by its freelancer and the project's owner (anybody
else gets 404); a freelancer never learns that an employer archived theirs (it shows as
submitted); and the owner opening a proposal marks it viewed, after which it can't be edited.
A decision the proposal's state does not allow is refused with 400 and the reason.
"""

from decimal import Decimal

from django.db.models import QuerySet
from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import CURRENCIES, User
from marketplace.api.permissions import IsEmployer, IsFreelancer
from marketplace.api.throttling import ActionThrottled
from projects.api.project_serializers import ProjectBriefSerializer
from projects.models import Project, Proposal
from projects.selectors.proposals import (
    FREELANCER_PROPOSAL_STATUSES,
    PROPOSAL_SORTS,
    project_get_for_owner,
    project_get_for_proposal,
    proposal_get_for_freelancer,
    proposal_get_for_user,
    proposals_for_freelancer_with_parties,
    proposals_for_project_with_parties,
)
from projects.selectors.reputation import freelancer_reputation
from projects.services import proposals as services
from projects.services.projects import MAX_SCREENING_QUESTIONS

ANSWER_REQUIRED = "Answer this question; the client asks every applicant."
ANSWERS_COUNT = "Answer each of the client's questions: it asks {n}, you answered {given}."


# --- What a proposal looks like ----------------------------------------------------------


class ProposalFreelancerSerializer(serializers.Serializer):
    """The freelancer behind a proposal or an invitation."""

    id = serializers.IntegerField()
    display_name = serializers.CharField()
    headline = serializers.SerializerMethodField()

    def get_headline(self, user: User) -> str:
        profile = getattr(user, "freelancer_profile", None)
        return profile.headline if profile else ""


class ProposalAnswerSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()


class ProposalFreelancerReputationSerializer(serializers.Serializer):
    """The freelancer's record, as the project's owner sees it on a proposal."""

    job_success_percent = serializers.IntegerField(
        allow_null=True, help_text="Null until one of their contracts has ended."
    )
    contracts_completed = serializers.IntegerField()
    contracts_ended = serializers.IntegerField()
    average_rating = serializers.FloatField(allow_null=True)
    review_count = serializers.IntegerField()
    help_text = serializers.CharField()


def _viewer_owns(serializer: serializers.Serializer, proposal: Proposal) -> bool:
    return proposal.project.employer_id == serializer.context["request"].user.pk


class ProposalSerializer(serializers.ModelSerializer):
    project = ProjectBriefSerializer(read_only=True)
    freelancer = ProposalFreelancerSerializer(read_only=True)
    answers = serializers.SerializerMethodField(
        help_text="The project's screening questions with the freelancer's answers."
    )
    status = serializers.SerializerMethodField(
        help_text="`archived` is shown to the project's owner only; the freelancer sees "
        "`submitted`."
    )
    is_shortlisted = serializers.BooleanField(read_only=True, default=False)
    is_editable = serializers.BooleanField(
        read_only=True, help_text="The freelancer can still edit it: the client has not opened it."
    )
    freelancer_reputation = serializers.SerializerMethodField(
        help_text="For the project's owner on one proposal; null in lists and for the freelancer."
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "project",
            "freelancer",
            "cover_letter",
            "bid_amount",
            "currency",
            "estimated_duration_weeks",
            "answers",
            "status",
            "is_shortlisted",
            "decline_reason",
            "is_editable",
            "viewed_at",
            "decided_at",
            "created_at",
            "updated_at",
            "freelancer_reputation",
        ]
        read_only_fields = fields

    @extend_schema_field(ProposalAnswerSerializer(many=True))
    def get_answers(self, proposal: Proposal) -> list[dict]:
        questions = proposal.project.screening_questions or []
        pairs = zip(questions, proposal.answers or [], strict=False)
        return [{"question": question, "answer": answer} for question, answer in pairs]

    @extend_schema_field(serializers.ChoiceField(choices=Proposal.Status.choices))
    def get_status(self, proposal: Proposal) -> str:
        if proposal.status == Proposal.Status.ARCHIVED and not _viewer_owns(self, proposal):
            return Proposal.Status.SUBMITTED
        return proposal.status

    @extend_schema_field(ProposalFreelancerReputationSerializer(allow_null=True))
    def get_freelancer_reputation(self, proposal: Proposal) -> dict | None:
        record = self.context.get("reputation")
        return ProposalFreelancerReputationSerializer(record).data if record else None


def proposal_body(request: Request, proposal: Proposal, *, reputation=None) -> dict:
    """One proposal as this viewer sees it, fresh from the database."""
    proposal = proposal_get_for_user(user=request.user, pk=proposal.pk)
    context = {"request": request, "reputation": reputation}
    return ProposalSerializer(proposal, context=context).data


# --- What a freelancer writes ------------------------------------------------------------


def _bid_amount(too_low: str | None = None) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": too_low} if too_low else {},
        help_text="Your hourly rate or fixed price, as the project's budget type says.",
    )


class ProposalWriteSerializer(serializers.Serializer):
    """A proposal's terms; `answers` has one answer per screening question, in their order."""

    cover_letter = serializers.CharField(
        max_length=10000,
        error_messages={
            "required": services.COVER_LETTER_REQUIRED,
            "blank": services.COVER_LETTER_REQUIRED,
        },
    )
    bid_amount = _bid_amount()
    currency = serializers.ChoiceField(
        choices=CURRENCIES, required=False, help_text="The project's currency when left out."
    )
    estimated_duration_weeks = serializers.IntegerField(
        min_value=1,
        max_value=104,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), services.DURATION_OUT_OF_RANGE
        ),
    )
    answers = serializers.ListField(
        child=serializers.CharField(max_length=5000, error_messages={"blank": ANSWER_REQUIRED}),
        max_length=MAX_SCREENING_QUESTIONS,
        required=False,
    )

    def __init__(self, *args, project: Project | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        if project is not None:
            # The same words as the web form: "Your hourly rate must be more than zero."
            self.fields["bid_amount"] = _bid_amount(services.bid_not_positive(project))

    def validate_answers(self, answers: list[str]) -> list[str]:
        questions = (self.project.screening_questions if self.project else None) or []
        if len(answers) != len(questions):
            raise serializers.ValidationError(
                ANSWERS_COUNT.format(n=len(questions), given=len(answers))
            )
        return answers

    def validate(self, data: dict) -> dict:
        questions = (self.project.screening_questions if self.project else None) or []
        if not self.partial and "answers" not in data and questions:
            raise serializers.ValidationError(
                {"answers": ANSWERS_COUNT.format(n=len(questions), given=0)}
            )
        return data


class ProposalMineQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in FREELANCER_PROPOSAL_STATUSES],
        required=False,
        allow_blank=True,
        help_text="Only proposals in this status; all of them without it.",
    )


class ProposalListQuerySerializer(serializers.Serializer):
    sort = serializers.ChoiceField(
        choices=list(PROPOSAL_SORTS), required=False, help_text="Newest first without it."
    )
    status = serializers.ChoiceField(
        choices=Proposal.Status.choices,
        required=False,
        allow_blank=True,
        help_text="Only proposals in this status; without it, all but withdrawn ones.",
    )
    shortlisted = serializers.BooleanField(
        required=False, default=False, help_text="Only freelancers on the shortlist."
    )


# --- The endpoints -----------------------------------------------------------------------


class ProjectProposals(ActionThrottled, ListAPIView):
    serializer_class = ProposalSerializer
    throttle_scope = "proposal"
    filter_backends = []
    extra_error_codes = (400,)

    def get_permissions(self):
        return [IsFreelancer()] if self.request.method == "POST" else [IsEmployer()]

    def get_queryset(self) -> QuerySet[Proposal]:
        project = project_get_for_owner(user=self.request.user, pk=self.kwargs["pk"])
        query = ProposalListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return proposals_for_project_with_parties(
            project=project,
            sort=query.validated_data.get("sort", "newest"),
            status=query.validated_data.get("status", ""),
            shortlisted=query.validated_data["shortlisted"],
        )

    @extend_schema(parameters=[ProposalListQuerySerializer], responses=ProposalSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """The proposals on one of your projects, with each freelancer and the shortlist flag."""
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ProposalWriteSerializer, responses={201: ProposalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Send a proposal on an open project; one live proposal per project.

        A project you may not propose on (a draft, closed, hidden or invite-only without an
        invitation) answers 404.
        """
        project = project_get_for_proposal(user=request.user, pk=pk)
        data = ProposalWriteSerializer(data=request.data, project=project)
        data.is_valid(raise_exception=True)
        terms = {"currency": project.currency, "answers": []} | data.validated_data
        proposal = services.proposal_submit(freelancer=request.user, project=project, **terms)
        return Response(proposal_body(request, proposal), status=201)


class ProposalMine(ListAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []
    extra_error_codes = (400,)

    def get_queryset(self) -> QuerySet[Proposal]:
        query = ProposalMineQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        status = query.validated_data.get("status", "")
        return proposals_for_freelancer_with_parties(user=self.request.user, status=status)

    @extend_schema(parameters=[ProposalMineQuerySerializer], responses=ProposalSerializer)
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Your proposals, newest first, with each project and its client."""
        return super().get(request, *args, **kwargs)


class ProposalDetail(GenericAPIView):
    serializer_class = ProposalSerializer

    def get_permissions(self):
        return [IsFreelancer()] if self.request.method == "PATCH" else [IsAuthenticated()]

    @extend_schema(responses=ProposalSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One proposal, for its freelancer or the project's owner.

        The owner opening it marks it viewed (the freelancer can then no longer edit it) and
        also sees the freelancer's record.
        """
        proposal = proposal_get_for_user(user=request.user, pk=pk)
        reputation = None
        if proposal.project.employer_id == request.user.pk:
            services.proposal_mark_viewed(proposal=proposal)
            reputation = freelancer_reputation(user=proposal.freelancer)
        return Response(proposal_body(request, proposal, reputation=reputation))

    @extend_schema(request=ProposalWriteSerializer, responses=ProposalSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Change your proposal's terms until the client opens it; only the fields sent change."""
        proposal = proposal_get_for_freelancer(user=request.user, pk=pk)
        data = ProposalWriteSerializer(data=request.data, project=proposal.project, partial=True)
        data.is_valid(raise_exception=True)
        current = {
            "cover_letter": proposal.cover_letter,
            "bid_amount": proposal.bid_amount,
            "currency": proposal.currency,
            "estimated_duration_weeks": proposal.estimated_duration_weeks,
            "answers": list(proposal.answers or []),
        }
        services.proposal_update(
            freelancer=request.user, proposal=proposal, **(current | data.validated_data)
        )
        return Response(proposal_body(request, proposal))


class ProposalWithdraw(GenericAPIView):
    serializer_class = ProposalSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses=ProposalSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Withdraw your proposal; refused once you are hired on it or it was declined."""
        proposal = proposal_get_for_freelancer(user=request.user, pk=pk)
        services.proposal_withdraw(freelancer=request.user, proposal=proposal)
        return Response(proposal_body(request, proposal))


urlpatterns = [
    path("projects/<int:pk>/proposals/", ProjectProposals.as_view(), name="project-proposals"),
    path("proposals/", ProposalMine.as_view(), name="proposal-list"),
    path("proposals/<int:pk>/", ProposalDetail.as_view(), name="proposal-detail"),
    path("proposals/<int:pk>/withdraw/", ProposalWithdraw.as_view(), name="proposal-withdraw"),
    # The owner's decisions and the invitations live in modules of their own; include() reads
    # their urlpatterns when the URLs are first resolved, so they may import from this one.
    path("", include("projects.api.proposal_decisions")),
    path("", include("projects.api.invites")),
]

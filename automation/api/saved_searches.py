"""API: your saved searches — the browse filters you keep, and how often they alert you.

Filters are those of `GET /api/v1/projects/` and the browse page (`q`, `skills`, `skill`,
`category`, `budget_type`, `budget_from`, `budget_to`, `experience_level`). Somebody else's
saved search answers 404.
"""

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.permissions import IsFreelancer
from projects.api.jobs import JobSerializer
from projects.models import BudgetType, ExperienceLevel

from ..models import SavedSearch
from ..selectors import saved_search_get_for_user, saved_searches_for_user
from ..services.digest_jobs import digest_job_create
from ..services.saved_searches import (
    FILTER_FIELDS,
    NAME_MAX_LENGTH,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)

FREQUENCY_INVALID = "Choose how often to be alerted: instant, daily, weekly or off."


class FiltersSerializer(serializers.Serializer):
    """The browse filters; give at least one. Their values are checked as the browse page does."""

    q = serializers.CharField(required=False, help_text="Words to search for.")
    skills = serializers.CharField(
        required=False, help_text="Skill names, comma-separated: projects requiring any of them."
    )
    skill = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="Skill ids (see /api/v1/skills/): projects requiring any of them.",
    )
    category = serializers.IntegerField(required=False, help_text="A skill category's id.")
    budget_type = serializers.ChoiceField(choices=BudgetType.choices, required=False)
    budget_from = serializers.DecimalField(
        max_digits=11, decimal_places=2, required=False, help_text="Budget at least."
    )
    budget_to = serializers.DecimalField(
        max_digits=11, decimal_places=2, required=False, help_text="Budget at most."
    )
    experience_level = serializers.ChoiceField(choices=ExperienceLevel.choices, required=False)


def _filters_of(search: SavedSearch) -> dict:
    data = QueryDict(search.query)
    shown: dict = {}
    for name in FILTER_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "skill":
            shown[name] = [int(v) for v in value.split(",") if v.strip().isdigit()]
        elif name == "category" and value.isdigit():
            shown[name] = int(value)
        else:
            shown[name] = value
    return shown


class SavedSearchSerializer(serializers.ModelSerializer):
    filters = serializers.SerializerMethodField()
    browse_url = serializers.SerializerMethodField()

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "name",
            "filters",
            "frequency",
            "browse_url",
            "last_sent_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "last_sent_at": {
                "help_text": "Projects published after this are new for the next alert."
            },
        }

    @extend_schema_field(FiltersSerializer)
    def get_filters(self, search: SavedSearch) -> dict:
        return _filters_of(search)

    @extend_schema_field(
        serializers.CharField(help_text="The web page listing what the search finds now.")
    )
    def get_browse_url(self, search: SavedSearch) -> str:
        return f"{reverse('projects:project-list')}?{search.query}"


class SavedSearchWriteSerializer(serializers.Serializer):
    name = serializers.CharField(
        max_length=NAME_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Left empty when creating, it is named after what you search for.",
    )
    frequency = serializers.ChoiceField(
        choices=SavedSearch.Frequency.choices,
        required=False,
        help_text="How often new matching projects are sent: instant (within 15 minutes), "
        "daily or weekly (in your local morning), or off. Default: daily.",
        error_messages={"invalid_choice": FREQUENCY_INVALID},
    )
    filters = FiltersSerializer(required=False)


def _params(validated: dict) -> dict | None:
    filters = validated.get("filters")
    if filters is None:
        return None
    return {name: value for name, value in filters.items() if value not in (None, "", [])}


class SavedSearchList(ListAPIView):
    serializer_class = SavedSearchSerializer
    permission_classes = [IsFreelancer]
    filter_backends = []

    def get_queryset(self) -> QuerySet[SavedSearch]:
        return saved_searches_for_user(user=self.request.user)

    def get(self, request: Request, *args, **kwargs) -> Response:
        """Your saved searches, by name."""
        return super().get(request, *args, **kwargs)

    @extend_schema(request=SavedSearchWriteSerializer, responses={201: SavedSearchSerializer})
    def post(self, request: Request) -> Response:
        """Save a search: its filters (at least one), a name, and how often to alert you.

        Alerts cover projects published from now on. The same filters saved twice, or a name
        you already use, answer 400.
        """
        data = SavedSearchWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = saved_search_create(
            user=request.user,
            params=_params(data.validated_data) or {},
            name=data.validated_data.get("name", ""),
            frequency=data.validated_data.get("frequency", SavedSearch.Frequency.DAILY),
        )
        return Response(SavedSearchSerializer(search).data, status=status.HTTP_201_CREATED)


class SavedSearchDetail(GenericAPIView):
    serializer_class = SavedSearchSerializer
    permission_classes = [IsFreelancer]

    def _search(self, pk: int) -> SavedSearch:
        return saved_search_get_for_user(user=self.request.user, pk=pk)

    def get(self, request: Request, pk: int) -> Response:
        """One of your saved searches."""
        return Response(SavedSearchSerializer(self._search(pk)).data)

    @extend_schema(request=SavedSearchWriteSerializer, responses=SavedSearchSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Rename a saved search, change how often it alerts you, or replace its filters."""
        search = self._search(pk)
        data = SavedSearchWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        name = data.validated_data.get("name")
        saved_search_update(
            search=search,
            name=name or None,
            frequency=data.validated_data.get("frequency"),
            params=_params(data.validated_data),
        )
        return Response(SavedSearchSerializer(self._search(pk)).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Delete a saved search; its alerts stop. What it sent is never sent again."""
        saved_search_delete(search=self._search(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SavedSearchSend(GenericAPIView):
    serializer_class = JobSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses={202: JobSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Send this search's digest now, as a job: poll /api/v1/jobs/<id>/ until it finishes.

        It sends the new projects since the last digest, each only once, whatever the search's
        frequency.
        """
        search = saved_search_get_for_user(user=request.user, pk=pk)
        job = digest_job_create(user=request.user, searches=[search])
        job.refresh_from_db()
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


urlpatterns = [
    path("saved-searches/", SavedSearchList.as_view(), name="saved-search-list"),
    path("saved-searches/<int:pk>/", SavedSearchDetail.as_view(), name="saved-search-detail"),
    path("saved-searches/<int:pk>/send/", SavedSearchSend.as_view(), name="saved-search-send"),
]

"""API: the progress of a background job you started (``/api/v1/jobs/<id>/``)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from projects.models import Job
from projects.selectors.jobs import job_get_for_user


class JobSerializer(serializers.ModelSerializer):
    # Declared, not derived from the model: a model's integer range depends on the database
    # (SQLite's is 64-bit), and the committed schema must not.
    done = serializers.IntegerField(read_only=True, min_value=0, help_text="Items done so far.")
    total = serializers.IntegerField(
        read_only=True, min_value=0, help_text="Items in all; 0 while not yet known."
    )
    percent = serializers.IntegerField(read_only=True, help_text="0 to 100.")
    result = serializers.DictField(read_only=True, help_text="What the job produced.")
    result_url = serializers.CharField(
        read_only=True, help_text="Where the web app shows the result (a path); may be empty."
    )

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "state",
            "done",
            "total",
            "percent",
            "result",
            "result_url",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]


class JobDetail(GenericAPIView):
    @extend_schema(responses=JobSerializer)
    def get(self, request: Request, pk: int) -> Response:
        """One of your jobs: its state and progress; poll it until it finishes."""
        return Response(JobSerializer(job_get_for_user(user=request.user, pk=pk)).data)


urlpatterns = [path("jobs/<int:pk>/", JobDetail.as_view(), name="job-detail")]

"""URLs for the moderation part of the marketplace (included by projects/urls.py)."""

from django.urls import path

from projects.views import moderation

urlpatterns = [
    path("report/", moderation.report_create_view, name="report-create"),
]

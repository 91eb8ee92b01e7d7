"""URLs for the contracts part of the marketplace (included by projects/urls.py)."""

from django.urls import URLPattern, path

from projects.views import contracts as views

MILESTONE = "contracts/<int:pk>/milestones/<int:milestone_pk>"

urlpatterns: list[URLPattern] = [
    path("contracts/", views.contract_list, name="contract-list"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract-detail"),
    path("contracts/<int:pk>/milestones/add/", views.milestone_add, name="milestone-add"),
    path(f"{MILESTONE}/fund/", views.milestone_fund_view, name="milestone-fund"),
    path(f"{MILESTONE}/submit/", views.milestone_submit_view, name="milestone-submit"),
    path(
        f"{MILESTONE}/request-changes/",
        views.milestone_changes_view,
        name="milestone-request-changes",
    ),
    path(f"{MILESTONE}/approve/", views.milestone_approve_view, name="milestone-approve"),
    path("contracts/<int:pk>/complete/", views.contract_complete_view, name="contract-complete"),
    path("contracts/<int:pk>/cancel/", views.contract_cancel_view, name="contract-cancel"),
    path("contracts/<int:pk>/review/", views.review_create_view, name="review-create"),
]

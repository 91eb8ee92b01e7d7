"""URLs for the proposals part of the marketplace (included by projects/urls.py)."""

from django.urls import URLPattern, path

from projects.views import proposals, talent_search

urlpatterns: list[URLPattern] = [
    path("projects/<int:pk>/propose/", proposals.proposal_submit, name="proposal-submit"),
    path("projects/<int:pk>/proposals/", proposals.project_proposals, name="project-proposals"),
    path("proposals/mine/", proposals.my_proposals, name="my-proposals"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/decline/", proposals.proposal_decline, name="proposal-decline"),
    path("proposals/<int:pk>/hire/", proposals.proposal_hire_view, name="proposal-hire"),
    *(
        path(
            f"proposals/<int:pk>/{action}/",
            proposals.proposal_employer_action,
            {"action": action},
            name=f"proposal-{action}",
        )
        for action in proposals.EMPLOYER_ACTIONS
    ),
    path("invites/<int:pk>/decline/", proposals.invite_decline, name="invite-decline"),
    path("freelancers/<int:pk>/", talent_search.freelancer_profile, name="freelancer-profile"),
    path("freelancers/<int:pk>/photo/", talent_search.freelancer_photo, name="freelancer-photo"),
    path("freelancers/<int:pk>/invite/", talent_search.invite_create_view, name="invite-create"),
    path("talent/", talent_search.talent_search, name="talent-search"),
]

"""URLs for the projects part of the marketplace (included by projects/urls.py)."""

from django.urls import URLPattern, path

from projects.views import projects as views

urlpatterns: list[URLPattern] = [
    path("projects/", views.project_list, name="project-list"),
    path("projects/mine/", views.project_mine, name="project-mine"),
    path("projects/new/", views.project_new, name="project-create"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("projects/<int:pk>/preview/", views.project_preview, name="project-preview"),
    *(
        path(
            f"projects/<int:pk>/{action}/",
            views.project_transition,
            {"action": action},
            name=f"project-{action}",
        )
        for action in views.OWNER_ACTIONS
    ),
]

"""Pages of the drafting app (included at the site root by marketplace/urls.py)."""

from django.urls import path

from . import views

app_name = "drafting"
urlpatterns = [
    path("projects/<int:pk>/draft/", views.draft_create, name="draft-create"),
    path("drafts/", views.draft_list, name="draft-list"),
    path("drafts/redraft/", views.redraft_start, name="redraft"),
    path("drafts/<int:pk>/", views.draft_detail, name="draft-detail"),
    path("drafts/<int:pk>/edit/", views.draft_update, name="draft-update"),
    path("drafts/<int:pk>/regenerate/", views.draft_regenerate, name="draft-regenerate"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft-delete"),
]

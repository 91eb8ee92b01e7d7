"""Pages of privacy: Settings → Your data (export, deletion)."""

from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("settings/data/", views.data_page, name="data"),
    path("settings/data/export/", views.export_start, name="export"),
    path(
        "settings/data/exports/<int:job_pk>/download/",
        views.export_download,
        name="export-download",
    ),
    path("settings/data/delete/", views.deletion_confirm, name="delete"),
    path("settings/data/delete/cancel/", views.deletion_cancel, name="delete-cancel"),
]

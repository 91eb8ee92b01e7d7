"""Saved searches and their alerts (included at the site's root)."""

from django.urls import path

from . import views

app_name = "automation"
urlpatterns = [
    path("searches/", views.search_list, name="search-list"),
    path("searches/new/", views.search_create, name="search-create"),
    path("searches/send/", views.search_send_all, name="search-send-all"),
    path("searches/<int:pk>/", views.search_detail, name="search-detail"),
    path("searches/<int:pk>/delete/", views.search_delete, name="search-delete"),
    path("searches/<int:pk>/send/", views.search_send, name="search-send"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

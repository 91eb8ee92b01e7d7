"""URLs for the proposals part of the marketplace (included by projects/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

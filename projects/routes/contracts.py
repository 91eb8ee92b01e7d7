"""URLs for the contracts part of the marketplace (included by projects/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""Every route of the privacy app's API; marketplace/api/urls.py includes them."""

from .data import urlpatterns as data

urlpatterns: list = [*data]

"""/api/v1/ routes of the drafting app; marketplace/api/urls.py includes them."""

from .drafts import urlpatterns as drafts

urlpatterns: list = [*drafts]

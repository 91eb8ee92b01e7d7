"""API: proposals (being written)."""

urlpatterns: list = []

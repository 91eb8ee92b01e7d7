"""API: projects (being written)."""

urlpatterns: list = []

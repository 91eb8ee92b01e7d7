"""API: talent (being written)."""

urlpatterns: list = []

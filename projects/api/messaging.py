"""API: messaging (being written)."""

urlpatterns: list = []

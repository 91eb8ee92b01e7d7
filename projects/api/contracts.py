"""API: contracts (being written)."""

urlpatterns: list = []

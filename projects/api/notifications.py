"""API: notifications (being written)."""

urlpatterns: list = []

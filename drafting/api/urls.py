"""Every route of the drafting app's API; each part's module lists its own."""

urlpatterns = []

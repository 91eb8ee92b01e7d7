"""Every route of the billing app's API; each part's module lists its own."""

urlpatterns = []

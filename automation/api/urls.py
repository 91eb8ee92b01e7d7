"""Every route of the automation app's API; each part's module lists its own."""

urlpatterns = []

"""Every route of the privacy app's API."""

urlpatterns = []

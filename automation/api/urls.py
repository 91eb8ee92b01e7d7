"""Every route of the automation app's API; each part's module lists its own."""

from .saved_searches import urlpatterns as saved_searches

urlpatterns: list = [*saved_searches]

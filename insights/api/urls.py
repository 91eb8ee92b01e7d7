"""/api/v1/ routes of the insights app; marketplace/api/urls.py includes them."""

from .client import urlpatterns as client
from .estimate import urlpatterns as estimate
from .market import urlpatterns as market
from .talent_pool import urlpatterns as talent_pool

urlpatterns: list = [*market, *client, *talent_pool, *estimate]

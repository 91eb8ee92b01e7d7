"""/api/v1/ routes of the billing app; marketplace/api/urls.py includes them."""

from .invoices import urlpatterns as invoices
from .timelog import urlpatterns as timelog

urlpatterns: list = [*timelog, *invoices]

"""/api/v1/ routes of the learning app; marketplace/api/urls.py includes them."""

from .courses import urlpatterns as courses
from .enrollments import urlpatterns as enrollments
from .plans import urlpatterns as plans

urlpatterns: list = [*courses, *plans, *enrollments]

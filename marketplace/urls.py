from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from health_check.views import HealthCheckView

from .health import health_checks

urlpatterns = [
    path("", TemplateView.as_view(template_name="pages/landing.html"), name="landing"),
    path("about/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("projects.urls")),
    path("health/", HealthCheckView.as_view(checks=health_checks()), name="health"),
]

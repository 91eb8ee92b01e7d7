from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView, TemplateView

from accounts.views_signup import signup

from .health import GigwiseHealthCheckView, health_checks, node_checks

admin.site.site_header = "Gigwise administration"
admin.site.site_title = "Gigwise admin"
admin.site.index_title = "Moderation and data"
# allauth's documented guard: Django's admin log-in form would skip the authenticator code, so
# /admin/login/ sends people to allauth's (password, then code); signed-in non-staff get 403.
# marketplace.admin_access.StaffSecondFactorMiddleware then asks every staff session for a code.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", TemplateView.as_view(template_name="pages/landing.html"), name="landing"),
    path("about/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    # Before allauth's own routes: its sign-up page, with the per-network cap on new accounts.
    path("accounts/signup/", signup, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("projects.urls")),
    path("", include("matching.urls")),
    path("", include("insights.urls")),
    path("", include("learning.urls")),
    path("", include("drafting.urls")),
    path("", include("automation.urls")),
    path("", include("billing.urls")),
    path("", include("privacy.urls")),
    path("api/", include("marketplace.api.urls")),
    path("health/", GigwiseHealthCheckView.as_view(checks=health_checks()), name="health"),
    path(
        "health/node/",
        GigwiseHealthCheckView.as_view(checks=node_checks()),
        name="health-node",
    ),
]

handler404 = "marketplace.api.errors.api_aware_page_not_found"

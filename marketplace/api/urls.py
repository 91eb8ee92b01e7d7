"""/api/: the versioned resources under v1/, the schema, and its two readers."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from accounts.api import urlpatterns as accounts_v1
from automation.api.urls import urlpatterns as automation_v1
from billing.api.urls import urlpatterns as billing_v1
from drafting.api.urls import urlpatterns as drafting_v1
from insights.api.urls import urlpatterns as insights_v1
from learning.api.urls import urlpatterns as learning_v1
from matching.api import urlpatterns as matching_v1
from privacy.api.urls import urlpatterns as privacy_v1
from projects.api.urls import urlpatterns as projects_v1

app_name = "api"

# Swagger UI and ReDoc set inline styles as they render (scripts stay same-origin only), and
# ReDoc searches in a worker it starts from a blob.
docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})

v1 = [
    *accounts_v1,
    *projects_v1,
    *matching_v1,
    *insights_v1,
    *learning_v1,
    *drafting_v1,
    *automation_v1,
    *billing_v1,
    *privacy_v1,
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        docs_csp(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path(
        "redoc/",
        docs_csp(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
]

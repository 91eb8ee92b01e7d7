from django.urls import path

from .routes import contracts, messaging, moderation, proposals
from .routes import projects as project_routes
from .views import dashboard, portfolio, talent

app_name = "projects"
urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("onboarding/skills/", talent.onboarding_skills, name="onboarding-skills"),
    path("onboarding/preferences/", talent.onboarding_preferences, name="onboarding-preferences"),
    path("skills/autocomplete/", talent.skill_autocomplete, name="skill-autocomplete"),
    path("profile/skills/add/", talent.skill_add, name="freelancer-skill-add"),
    path("profile/skills/<int:pk>/remove/", talent.skill_remove, name="freelancer-skill-remove"),
    path("profile/portfolio/", portfolio.portfolio, name="portfolio"),
    path("profile/portfolio/<int:pk>/edit/", portfolio.portfolio_edit, name="portfolio-edit"),
    path("profile/portfolio/<int:pk>/delete/", portfolio.portfolio_delete, name="portfolio-delete"),
]
# Each part of the marketplace keeps its own URL list (projects/routes/).
urlpatterns += (
    project_routes.urlpatterns
    + proposals.urlpatterns
    + contracts.urlpatterns
    + messaging.urlpatterns
    + moderation.urlpatterns
)

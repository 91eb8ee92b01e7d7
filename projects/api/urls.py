"""Every route of the projects app's API; each part's module lists its own."""

from . import (
    contracts,
    freelancers,
    jobs,
    messaging,
    notifications,
    projects,
    proposals,
    skills,
    talent,
)

urlpatterns = [
    *skills.urlpatterns,
    *talent.urlpatterns,
    *freelancers.urlpatterns,
    *projects.urlpatterns,
    *proposals.urlpatterns,
    *contracts.urlpatterns,
    *messaging.urlpatterns,
    *notifications.urlpatterns,
    *jobs.urlpatterns,
]

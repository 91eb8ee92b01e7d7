from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("gigs/", views.gig_feed_page, name="gig-feed"),
    path("gigs/<int:pk>/match/", views.project_match_fragment, name="project-match"),
    path("gigs/<int:pk>/not-interested/", views.gig_not_interested, name="gig-not-interested"),
    path("projects/<int:pk>/talent/", views.suggested_talent_page, name="suggested-talent"),
    path(
        "projects/<int:pk>/proposals/by-match/",
        views.proposals_by_match_page,
        name="proposals-by-match",
    ),
    path(
        "projects/<int:pk>/talent/<int:freelancer_pk>/not-interested/",
        views.talent_not_interested,
        name="talent-not-interested",
    ),
    path("how-matching-works/", views.how_matching_works, name="how-it-works"),
]

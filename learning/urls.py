"""The learning path page and its forms."""

from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("learning/", views.learning_path_page, name="path"),
    path("learning/refresh/", views.learning_plan_refresh, name="refresh"),
    path("learning/settings/", views.learner_settings_update, name="settings"),
    path("learning/courses/<int:course_id>/enrol/", views.enrollment_create, name="enrol"),
    path("learning/enrolments/<int:pk>/progress/", views.enrollment_progress, name="progress"),
    path("learning/enrolments/<int:pk>/complete/", views.enrollment_finish, name="complete"),
]

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("onboarding/", views.onboarding_start, name="onboarding"),
]

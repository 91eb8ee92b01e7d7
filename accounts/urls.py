from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("onboarding/", views.onboarding_start, name="onboarding"),
    path("onboarding/about/", views.onboarding_about, name="onboarding-about"),
    path("onboarding/rate/", views.onboarding_rate, name="onboarding-rate"),
    path("onboarding/company/", views.onboarding_company, name="onboarding-company"),
]

from django.urls import path

from . import views, views_tokens

app_name = "accounts"
urlpatterns = [
    path("onboarding/", views.onboarding_start, name="onboarding"),
    path("onboarding/about/", views.onboarding_about, name="onboarding-about"),
    path("onboarding/rate/", views.onboarding_rate, name="onboarding-rate"),
    path("onboarding/company/", views.onboarding_company, name="onboarding-company"),
    path("settings/api-tokens/", views_tokens.api_token_list, name="api-tokens"),
    path(
        "settings/api-tokens/<int:pk>/revoke/",
        views_tokens.api_token_revoke_post,
        name="api-token-revoke",
    ),
]

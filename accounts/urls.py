from django.urls import path

from . import views, views_privacy, views_tokens

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
    path("settings/privacy/", views_privacy.privacy_settings, name="privacy"),
    path("settings/profile-photo/", views_privacy.profile_photo, name="profile-photo"),
    path(
        "settings/profile-photo/remove/",
        views_privacy.profile_photo_remove,
        name="profile-photo-remove",
    ),
]

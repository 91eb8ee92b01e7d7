"""URLs for the messaging part of the marketplace (included by projects/urls.py)."""

from django.urls import path

from projects.views import jobs, messaging, notifications

urlpatterns = [
    path("messages/", messaging.inbox, name="inbox"),
    path("messages/<int:pk>/", messaging.thread_detail, name="thread-detail"),
    path("messages/<int:pk>/poll/", messaging.thread_messages_poll, name="thread-messages"),
    path("contracts/<int:pk>/message/", messaging.thread_for_contract, name="thread-for-contract"),
    path("proposals/<int:pk>/message/", messaging.thread_for_proposal, name="thread-for-proposal"),
    path("notifications/", notifications.notification_list, name="notification-list"),
    path(
        "notifications/read-all/", notifications.notification_read_all, name="notification-read-all"
    ),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification-read"),
    path(
        "notifications/preferences/",
        notifications.notification_preferences,
        name="notification-preferences",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notifications.notification_unsubscribe,
        name="notification-unsubscribe",
    ),
    path("jobs/<int:pk>/", jobs.job_detail, name="job-detail"),
]

"""Staff views of saved searches and the alert sent-log."""

from django.contrib import admin

from .models import AlertDelivery, SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "last_sent_at", "created_at"]
    list_filter = ["frequency", "created_at"]
    search_fields = ["name", "query", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(admin.ModelAdmin):
    """The sent-log is evidence of what went out: staff read it, nobody edits it."""

    list_display = ["project", "user", "saved_search", "percent", "sent_at"]
    list_filter = ["sent_at"]
    search_fields = ["project__title", "user__email", "saved_search__name", "digest_key"]
    raw_id_fields = ["user", "saved_search", "project"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

"""Staff view of deletion requests: dates and state only, no personal data of their own."""

from django.contrib import admin

from .models import AccountDeletion


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    """Read-only: a request is the person's to make or cancel, and the purge's to complete."""

    list_display = ["pk", "user_id", "state", "requested_at", "purge_after", "purged_at"]
    list_filter = ["requested_at", "purge_after", "purged_at", "cancelled_at"]
    search_fields = ["=user__id"]
    readonly_fields = [
        "user", "requested_at", "purge_after", "cancelled_at", "purged_at", "blocked_reason",
        "blocked_at",
    ]  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

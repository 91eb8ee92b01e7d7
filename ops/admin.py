"""Staff see the outbox and the dead letters; a dead letter can be retried or resolved."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import DeadLetter, OutboxMessage
from .services.dead_letters import dead_letter_resolve, dead_letter_retry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the system: staff read them and act through the actions only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["task_name", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "task_name"]
    search_fields = ["task_name", "task_id", "request_id", "last_error"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]


@admin.register(DeadLetter)
class DeadLetterAdmin(ReadOnlyAdmin):
    list_display = [
        "task_name",
        "exception_class",
        "failures",
        "attempts",
        "first_failed_at",
        "last_failed_at",
        "resolved_at",
    ]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter), "task_name", "exception_class"]
    search_fields = ["task_name", "task_id", "exception_class", "exception_message"]
    date_hierarchy = "last_failed_at"
    readonly_fields = [f.name for f in DeadLetter._meta.fields]
    actions = ["retry_now", "mark_resolved"]

    def has_handle_permission(self, request: HttpRequest) -> bool:
        """Retrying or resolving changes the row: staff need the change permission for it."""
        return request.user.has_perm("ops.change_deadletter")

    @admin.action(description="Retry now (send again, same arguments)", permissions=["handle"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[DeadLetter]) -> None:
        retried = 0
        for letter in queryset.filter(resolved_at__isnull=True):
            dead_letter_retry(letter=letter, by=request.user.get_username())
            retried += 1
        self.message_user(
            request,
            f"{retried} task{'s' if retried != 1 else ''} sent again; "
            "a new failure would appear here as a new dead letter.",
            messages.SUCCESS,
        )

    @admin.action(description="Mark resolved", permissions=["handle"])
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[DeadLetter]) -> None:
        resolved = 0
        for letter in queryset.filter(resolved_at__isnull=True):
            dead_letter_resolve(letter=letter, by=request.user.get_username())
            resolved += 1
        self.message_user(
            request,
            f"{resolved} dead letter{'s' if resolved != 1 else ''} marked resolved.",
            messages.SUCCESS,
        )

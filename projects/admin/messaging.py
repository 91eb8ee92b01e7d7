"""Admin for the messaging part: threads and messages (staff read here only), notifications.

A conversation is private: its bodies show only on a thread's or a message's own page, which
asks the staff member why first and records the read in the audit log. Lists, searches and
action pages name messages by number, never by their text.
"""

from django.contrib import admin
from django.http import HttpRequest

from projects.admin.audit_log import ReasonToReadAdmin
from projects.admin.moderation import moderation_action
from projects.models import Job, Message, Notification, NotificationPreference, Thread
from projects.services.moderation import message_hide, message_restore


class MessageInline(admin.TabularInline):
    model = Message
    fields = ("created_at", "sender", "body", "is_hidden")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


CONVERSATION_QUESTION = "Why are you opening this conversation?"


@admin.register(Thread)
class ThreadAdmin(ReasonToReadAdmin):
    read_question = CONVERSATION_QUESTION
    list_display = ("project", "employer", "freelancer", "last_message_at", "created_at")
    search_fields = ("project__title", "employer__email", "freelancer__email")
    list_select_related = ("project", "employer", "freelancer")
    date_hierarchy = "created_at"
    fields = ("project", "employer", "freelancer", "proposal", "contract", "last_message_at")
    readonly_fields = fields
    inlines = [MessageInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # threads open from a proposal or a contract


hide_messages = moderation_action(
    name="hide_messages",
    description="Hide (shown as removed by a moderator)",
    call=lambda message, actor, reason: message_hide(message=message, actor=actor, reason=reason),
)
restore_messages = moderation_action(
    name="restore_messages",
    description="Show again",
    call=lambda message, actor, reason: message_restore(
        message=message, actor=actor, reason=reason
    ),
    reason_required=False,
)


@admin.register(Message)
class MessageAdmin(ReasonToReadAdmin):
    read_question = CONVERSATION_QUESTION
    list_display = ("__str__", "created_at", "sender", "thread", "is_hidden")
    list_filter = ("is_hidden",)
    # Not the body: a search would show whose messages contain a word without a reason given.
    search_fields = ("sender__email",)
    list_select_related = ("sender", "thread__project", "thread__employer", "thread__freelancer")
    date_hierarchy = "created_at"
    fields = ("thread", "sender", "body", "is_hidden", "created_at")
    readonly_fields = fields
    actions = [hide_messages, restore_messages]

    def read_covered_by(self, message: Message) -> list[Thread]:
        return [message.thread]  # its thread's page showed this message already

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "title", "read_at", "emailed_at")
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "user__email", "event_key")
    list_select_related = ("user",)
    date_hierarchy = "created_at"
    readonly_fields = ("user", "kind", "title", "url", "event_key", "created_at")
    # A new-message notification quotes the message: its body is not shown here.
    exclude = ("body",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "email")
    list_filter = ("kind", "email")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs people started: staff see what failed and why, and change nothing."""

    list_display = ("title", "kind", "user", "state", "done", "total", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("title", "kind", "user__email", "error")
    list_select_related = ("user",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

"""Staff views of consent and audit-only attributes: read-only, for answering questions.

Staff never change a person's consent here: a change must come from the person (privacy page or
API), so that every change is theirs and is in their history. The values people share for the
fairness audit are not shown at all; staff see only that an attribute was shared.
"""

from django.contrib import admin

from .models import Consent, ConsentEvent, SelfDeclaredAttribute


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("user", "feature", "granted", "updated_at")
    list_filter = ("feature", "granted")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    date_hierarchy = "updated_at"


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "feature", "granted", "source")
    list_filter = ("feature", "granted", "source")
    search_fields = ("user__email",)
    list_select_related = ("user",)
    date_hierarchy = "created_at"


@admin.register(SelfDeclaredAttribute)
class SelfDeclaredAttributeAdmin(ReadOnlyAdmin):
    list_display = ("user", "attribute", "created_at")
    list_filter = ("attribute",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    fields = ("user", "attribute", "created_at")  # never the value

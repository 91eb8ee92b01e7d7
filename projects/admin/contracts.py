"""Admin for the contracts part of the marketplace.

Contracts come from hiring and money moves only through the milestone and contract services, so
staff read contracts, milestones and the ledger here but cannot add, edit or delete them; a review
can be deleted for moderation.
"""

from django.contrib import admin

from projects.models import Contract, LedgerEntry, Milestone, Review


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MilestoneInline(ReadOnlyMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("title", "amount", "due_date", "status", "funded_at", "submitted_at", "released_at")
    readonly_fields = fields
    show_change_link = True


class LedgerEntryInline(ReadOnlyMixin, admin.TabularInline):
    model = LedgerEntry
    extra = 0
    fields = ("created_at", "kind", "milestone", "amount", "currency", "provider_reference")
    readonly_fields = fields


@admin.register(Contract)
class ContractAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "employer",
        "freelancer",
        "budget_type",
        "amount",
        "currency",
        "status",
        "start_date",
        "ended_at",
    )
    list_filter = ("status", "budget_type", "currency")
    search_fields = ("title", "employer__email", "freelancer__email", "project__title")
    list_select_related = ("employer", "freelancer")
    date_hierarchy = "created_at"
    inlines = (MilestoneInline, LedgerEntryInline)


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "contract", "amount", "due_date", "status")
    list_filter = ("status",)
    search_fields = ("title", "contract__title")
    list_select_related = ("contract",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "contract", "milestone", "kind", "amount", "currency", "provider")
    list_filter = ("kind", "currency", "provider")
    search_fields = ("contract__title", "provider_reference")
    list_select_related = ("contract", "milestone")
    date_hierarchy = "created_at"


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-only, except that staff may delete an abusive review."""

    list_display = (
        "contract",
        "author",
        "subject",
        "direction",
        "rating_quality",
        "rating_communication",
        "rating_timeliness",
        "created_at",
    )
    list_filter = ("direction", "rating_quality")
    search_fields = ("author__email", "subject__email", "contract__title", "text")
    list_select_related = ("contract", "author", "subject")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

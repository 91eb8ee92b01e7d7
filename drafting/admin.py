"""Staff see drafts to answer support questions ("why does my draft say this?"), sources and all."""

from django.contrib import admin

from .models import ProposalDraft


@admin.register(ProposalDraft)
class ProposalDraftAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "freelancer",
        "project",
        "generator",
        "suggested_bid",
        "suggested_currency",
        "generated_at",
        "updated_at",
    )
    list_filter = ("generator", "suggested_currency", "generated_at")
    search_fields = ("freelancer__email", "project__title", "text")
    list_select_related = ("freelancer", "project")
    raw_id_fields = ("freelancer", "project")
    # A draft is the freelancer's own writing: staff read it, never change it.
    readonly_fields = [field.name for field in ProposalDraft._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

"""Admin for the proposals part of the marketplace."""

from django.contrib import admin

from projects.models import Invite, Proposal, ShortlistEntry


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = [
        "project",
        "freelancer",
        "bid_amount",
        "currency",
        "status",
        "viewed_at",
        "created_at",
    ]
    list_filter = ["status", "currency", "created_at"]
    search_fields = ["project__title", "freelancer__email", "cover_letter"]
    list_select_related = ["project", "freelancer"]
    raw_id_fields = ["project", "freelancer"]
    readonly_fields = ["viewed_at", "decided_at", "created_at", "updated_at"]
    date_hierarchy = "created_at"


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["project", "freelancer", "status", "created_at", "answered_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["project__title", "freelancer__email", "message"]
    list_select_related = ["project", "freelancer"]
    raw_id_fields = ["project", "freelancer"]


@admin.register(ShortlistEntry)
class ShortlistEntryAdmin(admin.ModelAdmin):
    list_display = ["project", "freelancer", "note", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["project__title", "freelancer__email", "note"]
    list_select_related = ["project", "freelancer"]
    raw_id_fields = ["project", "freelancer"]

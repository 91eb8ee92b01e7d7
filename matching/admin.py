"""Staff views of matching: embeddings, related skills (read-only), feedback and weights."""

from django.contrib import admin

from .models import Embedding, MatchEvent, ScorerWeights, SkillRelation


@admin.register(Embedding)
class EmbeddingAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "model_version", "dimensions", "updated_at"]
    list_filter = ["kind", "model_version"]
    search_fields = ["object_id", "text_hash"]
    readonly_fields = [
        "kind",
        "object_id",
        "model_version",
        "text_hash",
        "dimensions",
        "updated_at",
    ]
    exclude = ["vector"]

    def has_add_permission(self, request) -> bool:
        return False  # embeddings are computed, never typed in

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SkillRelation)
class SkillRelationAdmin(admin.ModelAdmin):
    list_display = ["skill", "related", "strength", "together"]
    search_fields = ["skill__name", "related__name"]
    list_select_related = ["skill", "related"]
    ordering = ["skill__name", "-strength"]

    def has_add_permission(self, request) -> bool:
        return False  # computed from the marketplace's skill lists by relate_skills

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MatchEvent)
class MatchEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "side", "actor", "freelancer", "project", "score"]
    list_filter = ["kind", "side", "weights_version"]
    search_fields = ["actor__email", "freelancer__email", "project__title", "reason"]
    raw_id_fields = ["actor", "freelancer", "project"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScorerWeights)
class ScorerWeightsAdmin(admin.ModelAdmin):
    list_display = ["version", "is_active", "created_at"]
    list_filter = ["is_active"]
    readonly_fields = ["version", "weights", "metrics", "is_active", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # adopted by train_matching after an evaluation, not by hand

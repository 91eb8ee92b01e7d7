"""Staff views of insights: the recorded runs (re-run from here), and the computed tables."""

from django.contrib import admin, messages

from ops.services.outbox import enqueue

from .models import RateStat, SkillDemandWeek, SkillMarket, TaskRun, TrainedEstimator
from .tasks import market_aggregate


class ComputedAdmin(admin.ModelAdmin):
    """Rows a task computes: staff read them; the next run replaces them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TaskRun)
class TaskRunAdmin(ComputedAdmin):
    list_display = ["task", "status", "started_at", "finished_at", "rows_written"]
    list_filter = ["task", "status"]
    search_fields = ["task", "detail"]
    date_hierarchy = "started_at"
    actions = ["market_recompute"]

    @admin.action(description="Recompute market insights now (rates, demand, opportunities)")
    def market_recompute(self, request, queryset) -> None:
        enqueue(market_aggregate)
        self.message_user(
            request,
            "Market insights are being recomputed; the new runs appear here when done.",
            messages.SUCCESS,
        )


@admin.register(RateStat)
class RateStatAdmin(ComputedAdmin):
    list_display = ["skill", "level", "region", "p25", "p50", "p75", "contracts", "asking"]
    list_filter = ["level", "region"]
    search_fields = ["skill__name"]
    list_select_related = ["skill"]


@admin.register(SkillDemandWeek)
class SkillDemandWeekAdmin(ComputedAdmin):
    list_display = ["skill", "week", "projects", "budget_usd"]
    search_fields = ["skill__name"]
    list_select_related = ["skill"]
    date_hierarchy = "week"


@admin.register(SkillMarket)
class SkillMarketAdmin(ComputedAdmin):
    list_display = [
        "skill",
        "projects_year",
        "growth",
        "budget_share",
        "open_projects",
        "available_freelancers",
        "opportunity",
    ]
    search_fields = ["skill__name"]
    list_select_related = ["skill"]
    ordering = ["-opportunity"]


@admin.register(TrainedEstimator)
class TrainedEstimatorAdmin(ComputedAdmin):
    list_display = ["version", "rows", "is_active", "created_at"]
    list_filter = ["is_active"]
    exclude = ["artifact"]
    readonly_fields = ["version", "rows", "metrics", "is_active", "created_at"]

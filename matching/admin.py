"""Staff views of matching: embeddings, related skills (read-only), feedback, weights, audits."""

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponseForbidden, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from .fairness import TABLE_HEADINGS, audit_table, fairness_audit_latest
from .models import Embedding, FairnessAudit, MatchEvent, ScorerWeights, SkillRelation
from .services import embeddings_changed


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

    # A deletion here must reach the vector indexes the processes hold, as the services' do.
    @transaction.atomic
    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        embeddings_changed(obj.kind)

    @transaction.atomic
    def delete_queryset(self, request, queryset) -> None:
        kinds = set(queryset.values_list("kind", flat=True))
        super().delete_queryset(request, queryset)
        for kind in kinds:
            embeddings_changed(kind)


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


@admin.register(FairnessAudit)
class FairnessAuditAdmin(admin.ModelAdmin):
    """The audit runs, read-only, with a button to run one now (the nightly task does too)."""

    change_list_template = "admin/matching/fairnessaudit/change_list.html"
    list_display = [
        "ran_at",
        "mode",
        "projects_audited",
        "relevant_pairs",
        "flagged_groups",
        "weights_version",
    ]
    list_filter = ["mode", "weights_version"]
    date_hierarchy = "ran_at"
    fields = [
        "summary",
        "figures",
        "ran_at",
        "mode",
        "period_start",
        "period_end",
        "projects_audited",
        "relevant_pairs",
        "weights_version",
        "rule",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # computed by the audit, never typed in

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Flagged groups")
    def flagged_groups(self, audit: FairnessAudit) -> str:
        return ", ".join(g["label"] for g in audit.flagged) or "none"

    @admin.display(description="Rule")
    def rule(self, audit: FairnessAudit) -> str:
        return (
            f"Top {audit.top}; flagged under {audit.threshold:g} of the best group's selection "
            f"rate; groups of fewer than {audit.min_group_people} relevant people not judged."
        )

    @admin.display(description="Figures by group")
    def figures(self, audit: FairnessAudit) -> str:
        head = format_html_join("", "<th scope='col'>{}</th>", ((h,) for h in TABLE_HEADINGS))
        body = format_html_join(
            "",
            "<tr><td>{}</td><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td>"
            "<td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (*row.figures(), format_html("<strong>{}</strong>", row.verdict))
                if row.flagged
                else row.cells()
                for row in audit_table(audit.groups)
            ),
        )
        return format_html(
            "<table><caption>Selection rate in the top {} by group</caption>"
            "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
            audit.top,
            head,
            body,
        )

    def changelist_view(self, request, extra_context=None):
        """The list of runs, under the latest run's summary and figures."""
        latest = fairness_audit_latest()
        context = {"latest": latest, "latest_figures": self.figures(latest) if latest else ""}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def get_urls(self):
        run = self.admin_site.admin_view(require_POST(self.run_now))
        return [path("run/", run, name="matching_fairnessaudit_run"), *super().get_urls()]

    def run_now(self, request: HttpRequest):
        """Enqueue the audit (a worker runs it; in eager mode it is done when the page loads)."""
        from ops.services.outbox import enqueue

        from .tasks import fairness_audit

        if not self.has_view_permission(request):
            return HttpResponseForbidden("You may not run the fairness audit.")
        enqueue(fairness_audit)
        messages.success(
            request, "The fairness audit is running; its figures appear here when it is done."
        )
        return HttpResponseRedirect(reverse("admin:matching_fairnessaudit_changelist"))

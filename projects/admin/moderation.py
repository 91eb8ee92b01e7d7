"""Admin for the moderation part: projects, users and reports (the audit log: audit_log.py).

Every action asks for a reason on an intermediate page, then calls a service that changes the
state and writes the audit log entry in one transaction.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from accounts.admin import UserAdmin
from accounts.models import User
from projects.models import Message, Project, Report
from projects.services.moderation import (
    project_hide,
    project_restore,
    report_dismiss,
    report_resolve,
    user_restore,
    user_suspend,
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Kept in the audit log.",
    )

    def __init__(self, *args, required: bool = True, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if help_text:
            self.fields["reason"].help_text = help_text
        self.fields["reason"].error_messages["required"] = (
            "Say why: the reason is kept in the audit log."
        )


def moderation_action(
    *,
    name: str,
    description: str,
    call: Callable[[object, User, str], object],
    reason_required: bool = True,
    help_text: str = "",
) -> Callable:
    """An admin action that asks for a reason, then calls `call(obj, actor, reason)` per row."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
        form = ReasonForm(
            request.POST if "apply" in request.POST else None,
            required=reason_required,
            help_text=help_text,
        )
        if form.is_bound and form.is_valid():
            done, refused = 0, []
            for obj in queryset:
                try:
                    call(obj, request.user, form.cleaned_data["reason"])
                except ValidationError as error:
                    refused.append(f"{obj}: {' '.join(error.messages)}")
                else:
                    done += 1
            if done:
                modeladmin.message_user(
                    request, f"{description}: done for {done}.", messages.SUCCESS
                )
            for line in refused:
                modeladmin.message_user(request, f"Not done for {line}", messages.ERROR)
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": description,
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "form": form,
            "action": name,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "projects/report_action_reason.html", context)

    action.__name__ = name
    return admin.action(description=description)(action)


hide_projects = moderation_action(
    name="hide_projects",
    description="Hide from everyone but the owner",
    call=lambda project, actor, reason: project_hide(project=project, actor=actor, reason=reason),
    help_text="Shown to the project's owner and kept in the audit log.",
)
restore_projects = moderation_action(
    name="restore_projects",
    description="Show again",
    call=lambda project, actor, reason: project_restore(
        project=project, actor=actor, reason=reason
    ),
    reason_required=False,
)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "employer", "status", "visibility", "is_hidden", "published_at")
    list_filter = ("status", "visibility", "is_hidden", "budget_type", "experience_level")
    search_fields = ("title", "description", "employer__email")
    list_select_related = ("employer",)
    raw_id_fields = ("employer", "category")
    readonly_fields = ("is_hidden", "hidden_reason", "created_at", "updated_at", "closed_at")
    date_hierarchy = "created_at"
    actions = [hide_projects, restore_projects]


suspend_users = moderation_action(
    name="suspend_users",
    description="Suspend (cannot log in)",
    call=lambda user, actor, reason: user_suspend(user=user, actor=actor, reason=reason),
)
restore_users = moderation_action(
    name="restore_users",
    description="Restore (can log in again)",
    call=lambda user, actor, reason: user_restore(user=user, actor=actor, reason=reason),
    reason_required=False,
)


# accounts cannot import projects (dependencies point one way), so the moderation actions,
# whose services write the projects app's audit log, are added to the User admin from here.
class ModeratedUserAdmin(UserAdmin):
    actions = [suspend_users, restore_users]


admin.site.unregister(User)
admin.site.register(User, ModeratedUserAdmin)


resolve_reports = moderation_action(
    name="resolve_reports",
    description="Resolve: action taken",
    call=lambda report, actor, note: report_resolve(report=report, actor=actor, note=note),
    help_text="Sent to the reporter and kept in the audit log. Hide or suspend first if needed.",
)
dismiss_reports = moderation_action(
    name="dismiss_reports",
    description="Dismiss: no action needed",
    call=lambda report, actor, note: report_dismiss(report=report, actor=actor, note=note),
    help_text="Sent to the reporter and kept in the audit log.",
)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "reason", "target_link", "reporter", "status", "resolved_by")
    list_filter = ("status", "reason", "target_type")
    search_fields = ("details", "reporter__email", "resolution_note")
    list_select_related = ("reporter", "resolved_by", "target_type")
    date_hierarchy = "created_at"
    actions = [resolve_reports, dismiss_reports]
    fields = (
        "reporter",
        "target_link",
        "reason",
        "details",
        "status",
        "resolved_by",
        "resolution_note",
        "resolved_at",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description="Reported")
    def target_link(self, report: Report) -> str:
        target = report.target
        if target is None:
            return f"{report.target_type.name} #{report.target_id} (deleted)"
        meta = target._meta
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[target.pk])
        except NoReverseMatch:
            return f"{meta.verbose_name}: {target}"
        if isinstance(target, Message):
            # Opening a message asks why: the report is the likely answer, offered ready typed.
            url += "?" + urlencode({"reason": f"Reviewing report #{report.pk}"})
        return format_html('<a href="{}">{}: {}</a>', url, meta.verbose_name, str(target)[:80])

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # users report from the site; staff act on reports

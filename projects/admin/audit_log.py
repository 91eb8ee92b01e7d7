"""The audit log in the admin, and what puts staff reads and bulk deletes into it.

- AuditLogEntryAdmin: staff filter and search the log; nobody adds, changes or deletes a row.
- ReasonToReadAdmin: a change page that shows someone's private data (their messages, their
  export) first asks the staff member why, records the read with that reason, then opens. The
  answer holds for half an hour in that session, so reloading the page does not ask again.
- delete_selected: Django's bulk delete, which also copies the deletions to the audit log (Django
  logs several deletions with bulk_create, which sends no post_save; projects.signals copies the
  one-row LogEntries).
"""

import time

from django import forms
from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import unquote
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from projects.models import AuditAction, AuditLogEntry
from projects.services.moderation import audit_log_record, audit_log_record_admin_change

READ_GRANTS_SESSION_KEY = "projects.admin_read_grants"
READ_GRANT_SECONDS = 30 * 60
READ_REASON_REQUIRED = "Say why: the reason is kept in the audit log."


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "target_repr", "changes", "reason")
    list_filter = (
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("target_type", admin.RelatedOnlyFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
    )
    search_fields = ("target_repr", "reason", "actor__email")
    list_select_related = ("actor", "target_type")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "changes",
        "reason",
    )
    readonly_fields = fields

    @admin.display(description="Fields changed")
    def changes(self, entry: AuditLogEntry) -> str:
        return ", ".join(entry.changed_fields)

    # Append-only: not even a superuser may add, change or delete a row here (the database
    # refuses updates and deletes as well).
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadReasonForm(forms.Form):
    read_reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the audit log with your name and the time.",
        error_messages={"required": READ_REASON_REQUIRED},
    )


def read_granted(request: HttpRequest, obj: models.Model) -> bool:
    expires = request.session.get(READ_GRANTS_SESSION_KEY, {}).get(_grant_key(obj))
    return expires is not None and expires > time.time()


def _read_grant(request: HttpRequest, obj: models.Model) -> None:
    now = time.time()
    grants = request.session.get(READ_GRANTS_SESSION_KEY, {})
    grants = {key: expires for key, expires in grants.items() if expires > now}
    grants[_grant_key(obj)] = now + READ_GRANT_SECONDS
    request.session[READ_GRANTS_SESSION_KEY] = grants


def _grant_key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


class ReasonToReadAdmin(admin.ModelAdmin):
    """A ModelAdmin whose change page shows someone's private data: staff say why first."""

    read_question = "Why are you opening this?"
    read_action: str = AuditAction.MESSAGES_READ

    def read_covered_by(self, obj: models.Model) -> list[models.Model]:
        """Objects whose page already showed this one: a reason given for them covers it."""
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if (
            obj is not None
            and self.has_view_or_change_permission(request, obj)
            and not any(read_granted(request, o) for o in [obj, *self.read_covered_by(obj)])
        ):
            return self.read_reason_view(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def read_reason_view(self, request: HttpRequest, obj: models.Model) -> HttpResponse:
        posted = request.method == "POST" and "read_reason" in request.POST
        form = ReadReasonForm(
            request.POST if posted else None,
            initial={"read_reason": request.GET.get("reason", "")},
        )
        if form.is_bound and form.is_valid():
            with transaction.atomic():
                audit_log_record(
                    actor=request.user,
                    action=self.read_action,
                    target=obj,
                    reason=form.cleaned_data["read_reason"].strip(),
                )
            _read_grant(request, obj)
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": self.read_question,
            "opts": self.model._meta,
            "object": obj,
            "form": form,
        }
        return TemplateResponse(request, "projects/admin_read_reason.html", context)


@admin.action(permissions=["delete"], description=django_delete_selected.short_description)
def delete_selected(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet):
    with transaction.atomic():
        last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = django_delete_selected(modeladmin, request, queryset)
        logged = list(
            LogEntry.objects.filter(pk__gt=last, user_id=request.user.pk, action_flag=DELETION)
        )
        # One deletion is saved one by one, and the post_save receiver copied it already.
        if len(logged) > 1:
            for log_entry in logged:
                audit_log_record_admin_change(log_entry=log_entry)
    return response


admin.site.add_action(delete_selected, "delete_selected")

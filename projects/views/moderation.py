"""Reporting a project, a profile or a message to the Gigwise team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts.forms import form_add_service_errors
from accounts.models import User
from marketplace.ratelimits import limit_count, limit_reached
from projects.forms_messaging import ReportForm
from projects.models import Message, Project
from projects.selectors.moderation import report_open_exists, report_target_get
from projects.services.moderation import REPORT_DUPLICATE, report_create


@login_required
@require_http_methods(["GET", "POST"])
def report_create_view(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    kind = params.get("target", "")
    try:
        pk = int(params.get("id", ""))
    except ValueError:
        pk = 0
    target = report_target_get(user=request.user, kind=kind, pk=pk)
    next_url = _safe_next(request, params.get("next", ""), target)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and (limit := limit_reached(request, "report")):
        form.add_error(None, limit.message)  # the report comes back as typed
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            report_create(reporter=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            if getattr(error, "code", None) == "duplicate":
                messages.info(request, REPORT_DUPLICATE)
                return redirect(next_url)
            form_add_service_errors(form, error)
        else:
            limit_count(request, "report")
            messages.success(
                request, "Thank you: your report is with our team. We will tell you what we decide."
            )
            return redirect(next_url)
    context = {
        "form": form,
        "kind": kind,
        "target": target,
        "target_label": _target_label(target),
        "already_reported": report_open_exists(reporter=request.user, target=target),
        "next_url": next_url,
    }
    return render(request, "projects/report_form.html", context, status=status)


def _target_label(target) -> str:
    if isinstance(target, Project):
        return f"the project “{target.title}”"
    if isinstance(target, User):
        return f"the profile of {target.display_name}"
    if isinstance(target, Message):
        return f"a message from {target.sender.display_name}"
    return str(target)


def _safe_next(request: HttpRequest, candidate: str, target) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    if isinstance(target, Message):
        return reverse("projects:thread-detail", args=[target.thread_id])
    return reverse("projects:dashboard")

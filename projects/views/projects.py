"""Projects: browse and search, the project page, and the employer's posting and lifecycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.forms import form_add_service_errors
from accounts.models import User
from accounts.selectors import language_names, preferred_currency
from accounts.views import role_required
from projects.filters import ProjectFilter
from projects.forms_projects import ProjectForm
from projects.lifecycle import EDITABLE, actions_available
from projects.models import Project
from projects.selectors.projects import (
    project_browse_queryset,
    project_get_for_user,
    project_get_owned,
    project_list_for_employer,
    project_status_counts,
)
from projects.selectors.reputation import employer_reputation
from projects.services.projects import (
    project_cancel,
    project_close,
    project_create,
    project_publish,
    project_update,
)

PAGE_SIZE = 20
# The lifecycle actions an owner takes from the project page, with what they say.
OWNER_ACTIONS = {
    "publish": (project_publish, "Your project is published: freelancers can now find it."),
    "close": (project_close, "Your project is closed; its open proposals were declined."),
    "cancel": (project_cancel, "Your project is cancelled."),
}


def _kept_as_text_notice(request: HttpRequest, project: Project) -> None:
    unknown = [s.free_text for s in project.skills.all() if not s.skill_id]
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        messages.info(request, f"{names} isn't in our skill list yet; we kept it as you wrote it.")


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    filterset = ProjectFilter(request.GET or None, queryset=project_browse_queryset())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "projects/project_list.html", context)


def _detail_render(request: HttpRequest, project: Project, *, preview: bool) -> HttpResponse:
    is_owner = project.employer_id == request.user.pk and not preview
    context = {
        "project": project,
        "is_owner": is_owner,
        "preview": preview,
        "record": employer_reputation(user=project.employer),
        "languages": language_names(project.languages),
        "actions": actions_available(status=project.status) if is_owner else [],
        "editable": is_owner and project.status in EDITABLE,
    }
    return render(request, "projects/project_detail.html", context)


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(user=request.user, pk=pk)
    return _detail_render(request, project, preview=False)


@role_required(User.Role.EMPLOYER)
@require_GET
def project_preview(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_owned(user=request.user, pk=pk)
    return _detail_render(request, project, preview=True)


def _form_submit(request: HttpRequest, project: Project | None) -> HttpResponse:
    """The create and edit pages: save, then show the project, preview it, or publish it."""
    # A new project is budgeted in the currency the employer reads figures in.
    initial = (
        ProjectForm.initial_for(project)
        if project
        else {"currency": preferred_currency(request.user)}
    )
    after = request.POST.get("next", "")
    form = ProjectForm(request.POST or None, initial=initial, project=project, after=after)
    if request.method == "POST" and form.is_valid():
        try:
            if project is None:
                project = project_create(employer=request.user, details=form.details())
            else:
                project_update(project=project, details=form.details())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            _kept_as_text_notice(request, project)
            if after == "preview":
                return redirect("projects:project-preview", project.pk)
            if after == "publish":
                return project_transition(request, project.pk, action="publish")
            messages.success(request, "Your project is saved.")
            return redirect("projects:project-detail", project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@role_required(User.Role.EMPLOYER)
def project_new(request: HttpRequest) -> HttpResponse:
    return _form_submit(request, None)


@role_required(User.Role.EMPLOYER)
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_owned(user=request.user, pk=pk)
    if project.status not in EDITABLE:
        messages.error(
            request, f"A {project.get_status_display().lower()} project can't be edited."
        )
        return redirect("projects:project-detail", project.pk)
    return _form_submit(request, project)


@role_required(User.Role.EMPLOYER)
def project_transition(request: HttpRequest, pk: int, *, action: str) -> HttpResponse:
    """GET asks to confirm; POST does it, or says why it cannot (and changes nothing)."""
    project = project_get_owned(user=request.user, pk=pk)
    if request.method != "POST":
        context = {"project": project, "action": action}
        return render(request, "projects/project_confirm.html", context)
    service, done = OWNER_ACTIONS[action]
    try:
        service(project=project)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect("projects:project-detail", project.pk)


@role_required(User.Role.EMPLOYER)
@require_GET
def project_mine(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Project.Status.values else ""
    projects = project_list_for_employer(employer=request.user, status=status)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = project_status_counts(employer=request.user)
    tabs = [(value, label, counts.get(value, 0)) for value, label in Project.Status.choices]
    context = {
        "page": page,
        "status": status,
        "tabs": tabs,
        "total": sum(counts.values()),
        "query": f"status={status}" if status else "",
    }
    return render(request, "projects/project_mine.html", context)

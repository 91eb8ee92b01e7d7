"""Saved searches: save from the browse page, list and change them, send a digest now, and the
one-click unsubscribe link of the alert e-mails."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import form_add_service_errors
from accounts.models import User
from accounts.views import role_required
from projects.selectors.jobs import jobs_for_user

from .forms import SavedSearchEditForm, SavedSearchForm
from .models import SavedSearch
from .selectors import (
    alert_deliveries_for_search,
    saved_search_describe,
    saved_search_get_for_user,
    saved_searches_for_user,
)
from .services.digest_jobs import JOB_KIND, digest_job_create
from .services.saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_unsubscribe,
    saved_search_update,
)
from .tokens import saved_search_id_from_token

LIST = "automation:search-list"
RECENT_JOBS = 3


def _recent_jobs(user: User) -> list:
    return list(jobs_for_user(user=user, kind=JOB_KIND)[:RECENT_JOBS])


@role_required(User.Role.FREELANCER)
@require_GET
def search_list(request: HttpRequest) -> HttpResponse:
    searches = list(saved_searches_for_user(user=request.user))
    for search in searches:
        search.parts = saved_search_describe(search=search)
    context = {"searches": searches, "jobs": _recent_jobs(request.user)}
    return render(request, "automation/search_list.html", context)


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def search_create(request: HttpRequest) -> HttpResponse:
    """GET: the form for the filters in ?query=…; POST (also from the browse page): save."""
    if request.method == "GET":
        form = SavedSearchForm(initial={"query": request.GET.get("query", "")})
        return render(request, "automation/search_new.html", {"form": form})
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            search = saved_search_create(
                user=request.user,
                params=QueryDict(data["query"]),
                name=data["name"],
                frequency=data["frequency"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Saved “{search.name}”. {_frequency_sentence(search)}")
            return redirect("automation:search-detail", search.pk)
    return render(request, "automation/search_new.html", {"form": form}, status=400)


def _frequency_sentence(search: SavedSearch) -> str:
    return {
        SavedSearch.Frequency.INSTANT: "New matching projects reach you within 15 minutes.",
        SavedSearch.Frequency.DAILY: "A digest of new matching projects arrives each morning.",
        SavedSearch.Frequency.WEEKLY: "A digest of new matching projects arrives once a week.",
    }.get(search.frequency, "Alerts are off for it; turn them on any time.")


def _detail(request: HttpRequest, search: SavedSearch, form=None, status=200) -> HttpResponse:
    form = form or SavedSearchEditForm(initial={"name": search.name, "frequency": search.frequency})
    context = {
        "search": search,
        "form": form,
        "parts": saved_search_describe(search=search),
        "deliveries": alert_deliveries_for_search(search=search),
        "jobs": _recent_jobs(request.user),
    }
    return render(request, "automation/search_detail.html", context, status=status)


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def search_detail(request: HttpRequest, pk: int) -> HttpResponse:
    search = saved_search_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        return _detail(request, search)
    form = SavedSearchEditForm(request.POST)
    if form.is_valid():
        try:
            saved_search_update(search=search, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Saved. {_frequency_sentence(search)}")
            return redirect("automation:search-detail", search.pk)
    search.refresh_from_db()
    return _detail(request, search, form=form, status=400)


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = saved_search_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        saved_search_delete(search=search)
        messages.success(request, f"Deleted “{search.name}”; its alerts have stopped.")
        return redirect(LIST)
    return render(request, "automation/search_delete.html", {"search": search})


@role_required(User.Role.FREELANCER)
@require_POST
def search_send(request: HttpRequest, pk: int) -> HttpResponse:
    search = saved_search_get_for_user(user=request.user, pk=pk)
    digest_job_create(user=request.user, searches=[search])
    return redirect("automation:search-detail", search.pk)


@role_required(User.Role.FREELANCER)
@require_POST
def search_send_all(request: HttpRequest) -> HttpResponse:
    searches = list(saved_searches_for_user(user=request.user))
    if not searches:
        messages.info(request, "Save a search from the project list first.")
    else:
        digest_job_create(user=request.user, searches=searches)
    return redirect(LIST)


# No login and no CSRF token: the signed token is the proof, and mail clients' one-click
# unsubscribe (RFC 8058) POSTs without either. GET only asks, so a link scanner stops nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    pk = saved_search_id_from_token(token=token)
    if pk is None:
        raise Http404("This unsubscribe link is not valid.")
    search = get_object_or_404(SavedSearch, pk=pk)
    if request.method == "POST":
        saved_search_unsubscribe(search=search)
    context = {"search": search, "done": request.method == "POST"}
    return render(request, "automation/unsubscribe.html", context)

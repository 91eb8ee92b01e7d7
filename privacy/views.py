"""Settings → Your data: download everything, or delete the account (with a grace period)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import form_add_service_errors

from .forms import DeletionConfirmForm
from .selectors import (
    data_export_expires_at,
    data_export_file_get,
    data_export_is_available,
    data_exports_for,
    deletion_blockers,
    deletion_pending_for,
)
from .services.deletion import (
    NOTHING_PENDING,
    account_deletion_cancel,
    account_deletion_request,
    date_format,
    deletion_grace,
)
from .services.exports import data_export_create
from .storage import export_kept

DATA_PAGE = "privacy:data"
SHOWN_EXPORTS = 3


@login_required
@require_GET
def data_page(request: HttpRequest) -> HttpResponse:
    exports = [
        {"job": job, "available": data_export_is_available(job),
         "expires_at": data_export_expires_at(job)}
        for job in data_exports_for(user=request.user)[:SHOWN_EXPORTS]
    ]  # fmt: skip
    context = {
        "exports": exports,
        "deletion": deletion_pending_for(user=request.user),
        "grace_days": deletion_grace().days,
        "export_days": export_kept().days,
    }
    return render(request, "privacy/data.html", context)


@login_required
@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    data_export_create(user=request.user)
    messages.info(request, "Your data is being gathered; the progress shows below.")
    return redirect(DATA_PAGE)


@never_cache
@login_required
@require_GET
def export_download(request: HttpRequest, job_pk: int) -> FileResponse:
    job, file = data_export_file_get(user=request.user, job_pk=job_pk)
    name = f"gigwise-data-{job.created_at:%Y-%m-%d}.zip"
    return FileResponse(file, as_attachment=True, filename=name)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def deletion_confirm(request: HttpRequest) -> HttpResponse:
    if deletion_pending_for(user=request.user) is not None:
        return redirect(DATA_PAGE)
    form = DeletionConfirmForm(request.POST or None, user=request.user)
    if form.is_bound and form.is_valid():
        try:
            deletion = account_deletion_request(
                user=request.user, confirmation=form.cleaned_data["confirmation"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.warning(
                request,
                f"Your account will be deleted on {date_format(deletion.purge_after)}. "
                "You can cancel until then on this page; we sent you an e-mail about it.",
            )
            return redirect(DATA_PAGE)
    context = {
        "form": form,
        "blockers": deletion_blockers(user=request.user),
        "grace_days": deletion_grace().days,
    }
    status = 400 if form.is_bound else 200
    return render(request, "privacy/deletion_confirm.html", context, status=status)


@login_required
@require_POST
def deletion_cancel(request: HttpRequest) -> HttpResponse:
    try:
        account_deletion_cancel(user=request.user)
    except ValidationError:
        messages.info(request, NOTHING_PENDING)
    else:
        messages.success(request, "Your account will not be deleted. Nothing was removed.")
    return redirect(DATA_PAGE)

"""Invoices: the list (paid / unpaid), issuing one, the print view, PDF, credit notes, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import form_add_service_errors
from accounts.models import User
from accounts.views import role_required
from projects.selectors.contracts import contract_get_for_party
from projects.selectors.jobs import job_get_for_user, jobs_for_user

from ..exports import export_name, export_storage
from ..forms import CreditNoteForm, InvoiceExportForm, InvoiceForm
from ..models import Invoice
from ..pdf import invoice_pdf
from ..selectors.invoices import (
    invoice_get_for_user,
    invoice_years,
    invoiceable_milestones,
    invoiceable_timesheets,
    invoices_for_user,
)
from ..services.exports import KIND as EXPORT_KIND
from ..services.exports import invoice_export_create
from ..services.invoices import (
    credit_note_create,
    credited_so_far,
    invoice_create,
    invoice_mark_paid,
)

FILTERS = {"paid": True, "unpaid": False}


def _issued_by_me(request: HttpRequest, pk: int) -> Invoice:
    invoice = invoice_get_for_user(user=request.user, pk=pk)
    if invoice.freelancer_id != request.user.pk:
        raise Http404("No such invoice.")
    return invoice


@login_required
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    invoices = list(invoices_for_user(user=request.user, paid=FILTERS.get(state)))
    years = invoice_years(user=request.user) if request.user.is_freelancer else []
    jobs = jobs_for_user(user=request.user, kind=EXPORT_KIND)[:3]
    context = {
        "invoices": invoices,
        "state": state if state in FILTERS else "",
        "export_form": InvoiceExportForm(years=years) if years else None,
        "jobs": list(jobs),
    }
    return render(request, "billing/invoice_list.html", context)


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def invoice_new(request: HttpRequest, contract_pk: int) -> HttpResponse:
    contract = contract_get_for_party(user=request.user, pk=contract_pk, role="freelancer")
    choices = {
        "milestones": list(invoiceable_milestones(contract=contract).select_related("contract")),
        "timesheets": list(invoiceable_timesheets(contract=contract)),
    }
    form = InvoiceForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invoice = invoice_create(
                contract=contract,
                by=request.user,
                milestone_ids=data["milestones"],
                timesheet_ids=data["timesheets"],
                tax_rate=data["tax_rate"],
                tax_id=data["tax_id"],
                due_date=data["due_date"],
                notes=data["notes"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_map={"items": "milestones"})
        else:
            messages.success(request, f"Invoice {invoice.display_number} issued.")
            return redirect("billing:invoice-detail", invoice.pk)
    status = 400 if form.errors else 200
    context = {"contract": contract, "form": form, "nothing": not any(choices.values())}
    return render(request, "billing/invoice_form.html", context, status=status)


@login_required
@require_GET
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The invoice as a print-friendly page (its print stylesheet hides the site around it)."""
    invoice = invoice_get_for_user(user=request.user, pk=pk)
    context = {
        "invoice": invoice,
        "lines": list(invoice.lines.all()),
        "credit_notes": list(invoice.credit_notes.order_by("number")),
        "is_issuer": invoice.freelancer_id == request.user.pk,
        "left_to_credit": invoice.subtotal - credited_so_far(invoice),
    }
    return render(request, "billing/invoice_detail.html", context)


@login_required
@require_GET
def invoice_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = invoice_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def credit_note_new(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _issued_by_me(request, pk)
    form = CreditNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = credit_note_create(
                invoice=invoice,
                by=request.user,
                reason=form.cleaned_data["reason"],
                amount=form.cleaned_data["amount"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Credit note {note.display_number} issued.")
            return redirect("billing:invoice-detail", note.pk)
    context = {
        "invoice": invoice,
        "form": form,
        "left": invoice.subtotal - credited_so_far(invoice),
    }
    return render(
        request, "billing/credit_note_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def invoice_mark_paid_view(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _issued_by_me(request, pk)
    invoice_mark_paid(invoice=invoice, by=request.user)
    messages.success(request, f"{invoice.display_number} is marked paid.")
    return redirect("billing:invoice-detail", invoice.pk)


@role_required(User.Role.FREELANCER)
@require_POST
def invoice_export_start(request: HttpRequest) -> HttpResponse:
    form = InvoiceExportForm(request.POST, years=invoice_years(user=request.user))
    if not form.is_valid():
        messages.error(request, "Choose a year in which you issued invoices.")
        return redirect("billing:invoice-list")
    invoice_export_create(user=request.user, year=form.cleaned_data["year"])
    messages.info(request, "Your PDFs are being prepared; the progress shows below.")
    return redirect("billing:invoice-list")


@login_required
@require_GET
def invoice_export_download(request: HttpRequest, job_pk: int) -> FileResponse:
    job = job_get_for_user(user=request.user, pk=job_pk)
    storage, name = export_storage(), export_name(job_id=job.pk)
    if job.kind != EXPORT_KIND or job.state != job.State.SUCCEEDED or not storage.exists(name):
        raise Http404("This download is not ready, or has expired.")
    year = job.params.get("year", "")
    return FileResponse(
        storage.open(name, "rb"), as_attachment=True, filename=f"invoices-{year}.zip"
    )

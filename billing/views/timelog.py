"""The time log page of an hourly contract: the week, the timer, entries, and the review."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.forms import form_add_service_errors
from projects.models import BudgetType, Contract
from projects.selectors.contracts import contract_get_for_party, contract_get_for_user

from ..forms import DisputeForm, TimeEntryForm, TimerStartForm
from ..models import Timesheet
from ..selectors.timelog import (
    time_entry_get_for_user,
    time_log_week,
    timesheet_get_for_user,
    timesheets_for_contract,
)
from ..services.timelog import time_entry_create, time_entry_delete, timer_start, timer_stop
from ..services.timesheets import timesheet_approve, timesheet_dispute, timesheet_submit
from ..weeks import hours_text, local_zone


def _hourly(contract: Contract) -> Contract:
    if contract.budget_type != BudgetType.HOURLY:
        raise Http404("Fixed-price contracts are paid by milestone and have no time log.")
    return contract


def _week_param(request: HttpRequest) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET.get("week", request.POST.get("week", "")))
    except ValueError:
        return None


def _to_week(contract_pk: int, week: dt.date | None = None, anchor: str = "") -> HttpResponse:
    url = reverse("billing:time-log", args=[contract_pk])
    if week is not None:
        url += f"?week={week.isoformat()}"
    return redirect(f"{url}#{anchor}" if anchor else url)


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _page(request, contract, *, week=None, status=200, entry_form=None, dispute_form=None):
    role = contract.party_role(request.user)
    week = time_log_week(contract=contract, week_start=week)
    today = dt.datetime.now(tz=local_zone(contract.freelancer)).date()
    context = {
        "contract": contract,
        "role": role,
        "zone": local_zone(contract.freelancer),
        "week": week,
        "hours": hours_text(week.minutes),
        "limit": hours_text(week.limit_minutes),
        "is_current_week": week.start <= today <= week.end,
        "entry_form": entry_form or TimeEntryForm(initial={"date": today}),
        "timer_form": TimerStartForm(),
        "dispute_form": dispute_form or DisputeForm(),
        "timesheets": list(timesheets_for_contract(contract=contract)[:12]),
    }
    return render(request, "billing/time_log.html", context, status=status)


@login_required
@require_GET
def time_log(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _hourly(contract_get_for_user(user=request.user, pk=pk))
    return _page(request, contract, week=_week_param(request))


@login_required
@require_POST
def time_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _hourly(contract_get_for_party(user=request.user, pk=pk, role="freelancer"))
    form = TimeEntryForm(request.POST)
    if form.is_valid():
        started_at, ended_at = form.interval(local_zone(request.user))
        try:
            entry = time_entry_create(
                contract=contract,
                by=request.user,
                started_at=started_at,
                ended_at=ended_at,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form_add_service_errors(
                form, error, field_map={"started_at": "start", "ended_at": "end"}
            )
    if form.errors:
        week = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
        return _page(request, contract, week=week, status=400, entry_form=form)
    messages.success(request, f"Logged {hours_text(entry.minutes)} h.")
    return _to_week(contract.pk, entry.timesheet.week_start)


@login_required
@require_POST
def timer_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _hourly(contract_get_for_party(user=request.user, pk=pk, role="freelancer"))
    form = TimerStartForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        timer_start(contract=contract, by=request.user, note=note)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "The timer is running. Stop it when you finish.")
    return _to_week(contract.pk)


@login_required
@require_POST
def timer_stop_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _hourly(contract_get_for_party(user=request.user, pk=pk, role="freelancer"))
    try:
        entry = timer_stop(by=request.user)
    except ValidationError as error:
        _error(request, error)
        return _to_week(contract.pk)
    if entry is None:
        messages.info(
            request, "The timer ran under a minute (or the week was full): nothing logged."
        )
        return _to_week(contract.pk)
    messages.success(request, f"Timer stopped: {hours_text(entry.minutes)} h logged.")
    return _to_week(entry.contract_id, entry.timesheet.week_start)


@login_required
@require_POST
def time_entry_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = time_entry_get_for_user(user=request.user, pk=pk)
    try:
        time_entry_delete(entry=entry, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, "Entry removed.")
    return _to_week(entry.contract_id, entry.timesheet.week_start)


def _review(request: HttpRequest, pk: int, role: str) -> Timesheet:
    sheet = timesheet_get_for_user(user=request.user, pk=pk)
    if sheet.contract.party_role(request.user) != role:
        raise Http404("No such timesheet.")
    return sheet


@login_required
@require_POST
def timesheet_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _review(request, pk, "freelancer")
    try:
        sheet = timesheet_submit(timesheet=sheet, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, f"Submitted {sheet.hours} h to the employer for approval.")
    return _to_week(sheet.contract_id, sheet.week_start)


@login_required
@require_POST
def timesheet_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _review(request, pk, "employer")
    try:
        sheet = timesheet_approve(timesheet=sheet, by=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, f"Approved: {sheet.amount} {sheet.currency} paid.")
    return _to_week(sheet.contract_id, sheet.week_start)


@login_required
@require_POST
def timesheet_dispute_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _review(request, pk, "employer")
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            sheet = timesheet_dispute(
                timesheet=sheet, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
    if form.errors:
        return _page(request, sheet.contract, week=sheet.week_start, status=400, dispute_form=form)
    messages.success(request, "The week is sent back to the freelancer with your reason.")
    return _to_week(sheet.contract_id, sheet.week_start)

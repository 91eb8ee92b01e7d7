"""Contract pages: the list, the detail with milestones and ledger, milestone actions, ending
a contract, and reviews. Parties act; staff may look (read-only); anybody else gets 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import form_add_service_errors
from projects.forms_contracts import (
    ContractCancelForm,
    MilestoneChangesForm,
    MilestoneForm,
    MilestoneSubmitForm,
    ReviewForm,
)
from projects.models import BudgetType, Contract
from projects.selectors.contracts import (
    contract_balances,
    contract_get_for_party,
    contract_get_for_user,
    contract_ledger,
    contract_milestones,
    contracts_for_user,
    milestone_get_for_party,
)
from projects.selectors.reputation import JOB_SUCCESS_HELP, contract_reviews
from projects.services.contracts import contract_cancel, contract_complete
from projects.services.milestones import (
    milestone_approve,
    milestone_create,
    milestone_fund,
    milestone_request_changes,
    milestone_submit,
)
from projects.services.reviews import review_create, review_window_end

EMPLOYER, FREELANCER = "employer", "freelancer"


def _to_detail(contract: Contract, anchor: str = "") -> HttpResponse:
    response = redirect("projects:contract-detail", contract.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _error_message(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    contracts = list(contracts_for_user(user=request.user))
    return render(request, "projects/contract_list.html", {"contracts": contracts})


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_get_for_user(user=request.user, pk=pk)
    milestones = contract_milestones(contract=contract)
    role = contract.party_role(request.user)
    context = {
        "contract": contract,
        "role": role,
        "is_fixed": contract.budget_type == BudgetType.FIXED,
        "milestones": milestones,
        "milestones_total": sum((m.amount for m in milestones), start=0),
        "ledger": contract_ledger(contract=contract),
        "balances": contract_balances(contract=contract),
        "reviews": contract_reviews(contract=contract, user=request.user),
        "review_window_end": review_window_end(contract),
        "milestone_form": MilestoneForm(currency=contract.currency),
        "submit_form": MilestoneSubmitForm(),
        "changes_form": MilestoneChangesForm(),
        "job_success_help": JOB_SUCCESS_HELP,
        "fee_percent": settings.PLATFORM_FEE_PERCENT,
    }
    return render(request, "projects/contract_detail.html", context)


def _milestone_form_page(request, contract, form, *, action: str, milestone=None, status=200):
    context = {"contract": contract, "milestone": milestone, "form": form, "action": action}
    return render(request, "projects/contract_milestone_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_get_for_party(user=request.user, pk=pk, role=EMPLOYER)
    form = MilestoneForm(request.POST or None, currency=contract.currency)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = milestone_create(contract=contract, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Added the milestone “{milestone.title}”.")
            return _to_detail(contract, f"milestone-{milestone.pk}")
    return _milestone_form_page(request, contract, form, action="add")


@login_required
@require_POST
def milestone_fund_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = milestone_get_for_party(
        user=request.user, contract_pk=pk, pk=milestone_pk, role=EMPLOYER
    )
    try:
        milestone_fund(milestone=milestone, by=request.user)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, f"“{milestone.title}” is funded and held in escrow.")
    return _to_detail(milestone.contract, f"milestone-{milestone.pk}")


def _milestone_form_step(request, pk, milestone_pk, *, role, form_class, service, done, action):
    """A milestone step that takes a form: the freelancer's submission, the employer's changes."""
    milestone = milestone_get_for_party(
        user=request.user, contract_pk=pk, pk=milestone_pk, role=role
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(milestone=milestone, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, done.format(title=milestone.title))
            return _to_detail(milestone.contract, f"milestone-{milestone.pk}")
    return _milestone_form_page(
        request, milestone.contract, form, action=action, milestone=milestone
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_submit_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    return _milestone_form_step(
        request,
        pk,
        milestone_pk,
        role=FREELANCER,
        form_class=MilestoneSubmitForm,
        service=milestone_submit,
        done="Submitted your work on “{title}”.",
        action="submit",
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_changes_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    return _milestone_form_step(
        request,
        pk,
        milestone_pk,
        role=EMPLOYER,
        form_class=MilestoneChangesForm,
        service=milestone_request_changes,
        done="Asked for changes on “{title}”.",
        action="changes",
    )


@login_required
@require_POST
def milestone_approve_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    milestone = milestone_get_for_party(
        user=request.user, contract_pk=pk, pk=milestone_pk, role=EMPLOYER
    )
    try:
        milestone_approve(milestone=milestone, by=request.user)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, f"Approved “{milestone.title}”: the payment is released.")
    return _to_detail(milestone.contract, f"milestone-{milestone.pk}")


@login_required
@require_POST
def contract_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_get_for_party(user=request.user, pk=pk, role=EMPLOYER)
    try:
        contract_complete(contract=contract, by=request.user)
    except ValidationError as error:
        _error_message(request, error)
        return _to_detail(contract)
    messages.success(request, "The contract is complete. Leave a review for the freelancer.")
    return _to_detail(contract, "reviews")


@login_required
@require_http_methods(["GET", "POST"])
def contract_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_get_for_party(user=request.user, pk=pk)
    form = ContractCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract_cancel(contract=contract, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "The contract is cancelled; any escrow was refunded.")
            return _to_detail(contract)
    balances = contract_balances(contract=contract)
    context = {"contract": contract, "form": form, "balances": balances}
    return render(request, "projects/contract_cancel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_get_for_party(user=request.user, pk=pk)
    reviews_freelancer = contract.party_role(request.user) == "employer"
    form = ReviewForm(request.POST or None, reviews_freelancer=reviews_freelancer)
    if request.method == "POST" and form.is_valid():
        try:
            review_create(contract=contract, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your review is saved.")
            return _to_detail(contract, "reviews")
    subject = contract.freelancer if reviews_freelancer else contract.employer
    context = {
        "contract": contract,
        "form": form,
        "subject": subject,
        "already": contract.reviews.filter(author=request.user).exists(),
        "review_window_end": review_window_end(contract),
    }
    return render(request, "projects/review_form.html", context)

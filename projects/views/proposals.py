"""Proposals: freelancers send, edit and withdraw them; employers review, decide and hire."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import form_add_service_errors
from accounts.models import User
from accounts.views import role_required
from marketplace.ratelimits import limit_count, limit_reached
from projects.forms_proposals import DeclineForm, HireForm, ProposalForm, ProposalListFilterForm
from projects.models import Proposal
from projects.selectors.proposals import (
    FREELANCER_PROPOSAL_STATUSES,
    invite_get_for_freelancer,
    invites_for_freelancer,
    project_get_for_owner,
    project_get_for_proposal,
    proposal_get_for_freelancer,
    proposal_get_for_owner,
    proposal_get_for_user,
    proposals_for_freelancer,
    proposals_for_project,
)
from projects.selectors.reputation import freelancer_reputation
from projects.services import proposals as services
from projects.services.hiring import proposal_hire

FREELANCER = User.Role.FREELANCER
EMPLOYER = User.Role.EMPLOYER


def _errors_as_messages(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@role_required(FREELANCER)
@require_http_methods(["GET", "POST"])
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_proposal(user=request.user, pk=pk)
    form = ProposalForm(request.POST or None, project=project)
    context = {"project": project, "form": form}
    if request.method == "POST" and (limit := limit_reached(request, "proposal")):
        form.add_error(None, limit.message)  # the form comes back as typed
        return render(request, "projects/proposal_form.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(
                freelancer=request.user, project=project, **form.service_arguments()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            limit_count(request, "proposal")
            messages.success(request, f"Your proposal on “{project.title}” is sent.")
            return redirect("projects:proposal-detail", proposal.pk)
    return render(request, "projects/proposal_form.html", context)


@role_required(FREELANCER)
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get_for_freelancer(user=request.user, pk=pk)
    initial = ProposalForm.initial_for(proposal)
    form = ProposalForm(request.POST or None, project=proposal.project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                freelancer=request.user, proposal=proposal, **form.service_arguments()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Your proposal is updated.")
            return redirect("projects:proposal-detail", proposal.pk)
    context = {"project": proposal.project, "form": form, "proposal": proposal}
    return render(request, "projects/proposal_form.html", context)


@role_required(FREELANCER)
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get_for_freelancer(user=request.user, pk=pk)
    try:
        services.proposal_withdraw(freelancer=request.user, proposal=proposal)
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        messages.success(request, f"You withdrew your proposal on “{proposal.project.title}”.")
    return redirect("projects:proposal-detail", proposal.pk)


@role_required(FREELANCER)
def my_proposals(request: HttpRequest) -> HttpResponse:
    # ?status= narrows the list; the dashboard's counts by state link here with it.
    status = request.GET.get("status", "")
    status = status if status in FREELANCER_PROPOSAL_STATUSES else ""
    context = {
        "proposals": list(proposals_for_freelancer(user=request.user, status=status)),
        "status_label": Proposal.Status(status).label if status else "",
        "invites": list(invites_for_freelancer(user=request.user)),
    }
    return render(request, "projects/proposal_mine.html", context)


@role_required(FREELANCER)
@require_POST
def invite_decline(request: HttpRequest, pk: int) -> HttpResponse:
    invite = invite_get_for_freelancer(user=request.user, pk=pk)
    try:
        services.invite_decline(freelancer=request.user, invite=invite)
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        messages.success(request, f"You declined the invitation to “{invite.project.title}”.")
    return redirect("projects:my-proposals")


@role_required(EMPLOYER)
def project_proposals(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_owner(user=request.user, pk=pk)
    if request.GET.get("sort") == MATCH_SORT:
        # Ranking by match is the matching app's (it builds on this one, never the reverse).
        url = reverse("matching:proposals-by-match", args=[project.pk])
        return redirect(f"{url}?{request.GET.urlencode()}")
    filters = ProposalListFilterForm(request.GET or None)
    proposals = list(proposals_for_project(project=project, **filters.filters()))
    context = {"project": project, "proposals": proposals, "filters": filters}
    return render(request, "projects/proposal_list.html", context)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get_for_user(user=request.user, pk=pk)
    return _detail_render(request, proposal)


def _detail_render(
    request: HttpRequest, proposal, *, decline_form: DeclineForm | None = None
) -> HttpResponse:
    is_owner = proposal.project.employer_id == request.user.pk
    if is_owner:
        services.proposal_mark_viewed(proposal=proposal)
    context = {
        "proposal": proposal,
        "project": proposal.project,
        "is_owner": is_owner,
        "answers": list(
            zip(proposal.project.screening_questions or [], proposal.answers or [], strict=False)
        ),
        "decline_form": decline_form or DeclineForm(),
        "can_decide": proposal.status in services.DECIDABLE and proposal.project.is_open,
        "reputation": freelancer_reputation(user=proposal.freelancer) if is_owner else None,
    }
    return render(request, "projects/proposal_detail.html", context)


MATCH_SORT = "match"

EMPLOYER_ACTIONS = {
    "shortlist": (services.proposal_shortlist, "Added {name} to the shortlist."),
    "unshortlist": (services.proposal_unshortlist, "Took {name} off the shortlist."),
    "archive": (services.proposal_archive, "Archived the proposal from {name}."),
    "unarchive": (services.proposal_unarchive, "Restored the proposal from {name}."),
}


@role_required(EMPLOYER)
@require_POST
def proposal_employer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = proposal_get_for_owner(user=request.user, pk=pk)
    service, done = EMPLOYER_ACTIONS[action]
    try:
        service(employer=request.user, proposal=proposal)
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        messages.success(request, done.format(name=proposal.freelancer.display_name))
    return redirect(_back_to(request, proposal))


@role_required(EMPLOYER)
@require_POST
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get_for_owner(user=request.user, pk=pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_decline(
                employer=request.user, proposal=proposal, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            name = proposal.freelancer.display_name
            messages.success(request, f"Declined the proposal from {name}.")
            return redirect("projects:project-proposals", proposal.project_id)
    return _detail_render(request, proposal, decline_form=form)


@role_required(EMPLOYER)
@require_http_methods(["GET", "POST"])
def proposal_hire_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get_for_owner(user=request.user, pk=pk)
    form = HireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = proposal_hire(employer=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            name = proposal.freelancer.display_name
            messages.success(request, f"You hired {name}. The contract has started.")
            return redirect(_contract_url(contract) or reverse("projects:dashboard"))
    context = {"proposal": proposal, "project": proposal.project, "form": form}
    return render(request, "projects/proposal_hire.html", context)


def _contract_url(contract) -> str | None:
    # The contract pages belong to the contracts part; until they exist, the dashboard.
    try:
        return reverse("projects:contract-detail", args=[contract.pk])
    except NoReverseMatch:
        return None


def _back_to(request: HttpRequest, proposal) -> str:
    if request.POST.get("next") == "list":
        url = reverse("projects:project-proposals", args=[proposal.project_id])
        return f"{url}?sort={MATCH_SORT}" if request.POST.get("sort") == MATCH_SORT else url
    return reverse("projects:proposal-detail", args=[proposal.pk])

"""Draft pages: draft from a project, read and edit it with its sources, send it as a proposal.

The draft page shows the projects app's own proposal form, filled with the draft's text and the
suggested bid and posting to the proposal-submit view, so sending is the ordinary proposal flow
(with its checks and messages) and projects needs to know nothing about drafts.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.views import role_required
from projects.forms_proposals import ProposalForm
from projects.selectors.proposals import project_get_for_proposal

from .forms import DraftTextForm, RedraftForm
from .models import ProposalDraft
from .selectors import (
    active_proposal_for,
    draft_get_for_user,
    drafts_for_user,
    open_draft_ids,
    redraft_job_latest,
)
from .services import (
    proposal_draft_create,
    proposal_draft_delete,
    proposal_draft_regenerate,
    proposal_draft_update,
    proposal_drafts_redraft_start,
)

FREELANCER = User.Role.FREELANCER


def _detail(
    request: HttpRequest, draft: ProposalDraft, *, form: ProposalForm | None = None, status=200
) -> HttpResponse:
    initial = {"cover_letter": draft.text}
    if draft.suggested_bid is not None:
        initial |= {"bid_amount": draft.suggested_bid, "currency": draft.suggested_currency}
    context = {
        "draft": draft,
        "project": draft.project,
        "form": form or ProposalForm(project=draft.project, initial=initial),
        "sources": draft.sources,
        "sent": active_proposal_for(draft=draft),
        "can_send": draft.project.is_open and not draft.project.is_hidden,
    }
    return render(request, "drafting/draft_detail.html", context, status=status)


@role_required(FREELANCER)
@require_POST
def draft_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_proposal(user=request.user, pk=pk)
    try:
        draft, created = proposal_draft_create(freelancer=request.user, project=project)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("projects:project-detail", project.pk)
    if created:
        messages.success(request, "Here is a first draft from your profile. Edit it, then send.")
    else:
        messages.info(request, "You already have a draft for this project; here it is.")
    return redirect("drafting:draft-detail", draft.pk)


@role_required(FREELANCER)
@require_GET
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, draft_get_for_user(user=request.user, pk=pk))


@role_required(FREELANCER)
@require_POST
def draft_update(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_get_for_user(user=request.user, pk=pk)
    text_form = DraftTextForm(request.POST)
    if text_form.is_valid():
        try:
            proposal_draft_update(draft=draft, text=text_form.cleaned_data["cover_letter"])
        except ValidationError as error:
            text_form.add_error("cover_letter", error.messages)
        else:
            messages.success(request, "Your draft is saved. Nothing has been sent.")
            return redirect("drafting:draft-detail", draft.pk)
    # The whole proposal form comes back as typed, with the letter's error only: the other
    # fields are checked when the proposal is sent, not when a draft is saved.
    form = ProposalForm(request.POST, project=draft.project)
    form.is_valid()
    form.errors.clear()
    for message in text_form.errors["cover_letter"]:
        form.add_error("cover_letter", message)
    return _detail(request, draft, form=form, status=400)


@role_required(FREELANCER)
@require_POST
def draft_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_get_for_user(user=request.user, pk=pk)
    try:
        proposal_draft_regenerate(draft=draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The draft was written again from your current profile.")
    return redirect("drafting:draft-detail", draft.pk)


@role_required(FREELANCER)
@require_http_methods(["GET", "POST"])
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        proposal_draft_delete(draft=draft)
        messages.success(request, f"Your draft for “{draft.project.title}” is deleted.")
        return redirect("drafting:draft-list")
    return render(request, "drafting/draft_delete.html", {"draft": draft})


@role_required(FREELANCER)
@require_GET
def draft_list(request: HttpRequest) -> HttpResponse:
    context = {
        "drafts": list(drafts_for_user(user=request.user)),
        "open_ids": open_draft_ids(user=request.user),
        "job": redraft_job_latest(user=request.user),
        "redraft_form": RedraftForm(),
    }
    return render(request, "drafting/draft_list.html", context)


@role_required(FREELANCER)
@require_POST
def redraft_start(request: HttpRequest) -> HttpResponse:
    form = RedraftForm(request.POST)
    include_edited = form.is_valid() and form.cleaned_data["include_edited"]
    proposal_drafts_redraft_start(freelancer=request.user, include_edited=include_edited)
    messages.info(request, "Re-drafting your open drafts; the bar below shows how far it got.")
    return redirect("drafting:draft-list")

"""Pages of matching: a freelancer's gigs, an employer's suggested talent, the public criteria."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.views import role_required
from projects.filters import ProjectFilter
from projects.forms_proposals import ProposalListFilterForm
from projects.models import Project
from projects.selectors.projects import project_get_for_user, project_get_owned
from projects.selectors.proposals import (
    freelancer_to_invite,
    project_get_for_owner,
    proposals_for_project,
)

from .fairness import fairness_audit_published
from .models import MatchEvent
from .selectors import (
    gig_feed,
    gig_rows,
    project_match_for_freelancer,
    proposals_by_match,
    suggested_talent,
    talent_rows,
)
from .services import match_event_record, talent_impressions_record
from .weights import CRITERIA, NEWCOMER_BOOST, PUBLISHED_EVALUATION, active_weights

FEED_PAGE_SIZE = 10


@role_required(User.Role.FREELANCER)
@require_GET
def gig_feed_page(request: HttpRequest) -> HttpResponse:
    # The browse page's filters, applied before ranking; an invalid value is shown on its field.
    filterset = ProjectFilter(request.GET or None, queryset=Project.objects.all())
    # No filter chosen: the whole feed, which matching keeps for a minute between pages.
    chosen = filterset.is_valid() and any(
        v not in (None, "", []) for v in filterset.form.cleaned_data.values()
    )
    feed = gig_feed(user=request.user, within=filterset.qs if chosen else None)
    page = Paginator(feed.matches, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "feed": feed,
        "page": page,
        "rows": gig_rows(list(page)),
        "filter": filterset,
        "query": query.urlencode(),
    }
    return render(request, "matching/gig_feed.html", context)


@role_required(User.Role.FREELANCER)
@require_GET
def project_match_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """The viewer's match with one project, for its page (loaded there by htmx)."""
    project = project_get_for_user(user=request.user, pk=pk)
    match = project_match_for_freelancer(user=request.user, project=project)
    return render(request, "matching/_project_match.html", {"match": match})


@role_required(User.Role.FREELANCER)
@require_POST
def gig_not_interested(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for_user(user=request.user, pk=pk)
    try:
        match_event_record(
            actor=request.user,
            kind=MatchEvent.Kind.NOT_INTERESTED,
            freelancer=request.user,
            project=project,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{project.title}” will not be suggested to you again.")
    return redirect("matching:gig-feed")


@role_required(User.Role.EMPLOYER)
@require_GET
def suggested_talent_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_owned(user=request.user, pk=pk)
    talent = suggested_talent(project=project) if project.is_open else None
    rows = talent_rows(talent.matches, viewer=request.user) if talent else []
    if rows:
        talent_impressions_record(
            employer=request.user,
            project=project,
            rows=rows,
            weights_version=talent.weights_version,
        )
    context = {"project": project, "talent": talent, "rows": rows}
    return render(request, "matching/suggested_talent.html", context)


@role_required(User.Role.EMPLOYER)
@require_GET
def proposals_by_match_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposals page of a project, best match first, with each match's reasons."""
    project = project_get_for_owner(user=request.user, pk=pk)
    filters = ProposalListFilterForm(request.GET or None)
    chosen = filters.filters()
    proposals = list(
        proposals_for_project(
            project=project, status=chosen["status"], shortlisted=chosen["shortlisted"]
        )
    )
    ranked = proposals_by_match(project=project, proposals=proposals)
    context = {
        "project": project,
        "proposals": ranked.proposals,
        "filters": filters,
        "notice": ranked.notice,
    }
    return render(request, "matching/proposals_by_match.html", context)


@role_required(User.Role.EMPLOYER)
@require_POST
def talent_not_interested(request: HttpRequest, pk: int, freelancer_pk: int) -> HttpResponse:
    project = project_get_owned(user=request.user, pk=pk)
    freelancer = freelancer_to_invite(pk=freelancer_pk)
    if freelancer is None:
        raise Http404("No such freelancer.")
    match_event_record(
        actor=request.user,
        kind=MatchEvent.Kind.NOT_INTERESTED,
        freelancer=freelancer,
        project=project,
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, f"{freelancer.display_name} is no longer suggested for this project.")
    return redirect("matching:suggested-talent", project.pk)


def _evaluation_rows() -> list[tuple]:
    rows = []
    for figures in PUBLISHED_EVALUATION["sets"]:
        for direction, label in (
            ("employer", "People for a project"),
            ("freelancer", "Projects for a person"),
        ):
            mine = figures[direction]
            rows.append(
                (
                    figures["name"],
                    label,
                    mine["ndcg@10"],
                    figures["baseline_tfidf"][direction],
                    mine["recall@10"],
                    mine.get("exposure_ratio_new"),
                )
            )
    return rows


@require_GET
def how_matching_works(request: HttpRequest) -> HttpResponse:
    weights = active_weights()
    criteria = [
        (name, CRITERIA[name], round(100 * weights.of(name)))
        for name in sorted(CRITERIA, key=lambda n: -weights.of(n))
    ]
    context = {
        "weights": weights,
        "criteria": criteria,
        "boost_points": round(100 * NEWCOMER_BOOST),
        "fit_points": round(100 * weights.fit_share),
        "evaluation": PUBLISHED_EVALUATION,
        "evaluation_rows": _evaluation_rows(),
        "fairness": fairness_audit_published(),
    }
    return render(request, "matching/how_matching_works.html", context)

"""Reads about projects: browse and search, one project for a viewer, an employer's own list."""

import datetime as dt

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from projects.models import Invite, Project, ProjectSkill, Proposal

SORT_NEWEST = "newest"
SORT_BUDGET = "budget"
SORT_RELEVANCE = "relevance"


def _with_related(queryset: QuerySet[Project]) -> QuerySet[Project]:
    skills = ProjectSkill.objects.select_related("skill")
    return queryset.select_related(
        "employer", "employer__employer_profile", "category"
    ).prefetch_related(Prefetch("skills", queryset=skills))


def project_browse_queryset() -> QuerySet[Project]:
    """The projects browse and search start from: visible ones, with what a card shows."""
    return _with_related(Project.objects.visible())


def project_text_search(queryset: QuerySet[Project], *, query: str) -> QuerySet[Project]:
    """Projects matching `query`, annotated with `rank` (full text on PostgreSQL, plain else)."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config="english")
        return queryset.filter(search_vector=search).annotate(
            rank=SearchRank(F("search_vector"), search)
        )
    words = query.split()
    matches = Q()
    for word in words:
        matches &= Q(title__icontains=word) | Q(description__icontains=word)
    in_title = When(title__icontains=query, then=Value(1.0))
    rank = Case(in_title, default=Value(0.0), output_field=FloatField())
    return queryset.filter(matches).annotate(rank=rank)


def project_sort(queryset: QuerySet[Project], *, sort: str, searched: bool) -> QuerySet[Project]:
    """Newest first, best budget first, or (when a query was given) most relevant first."""
    newest = ("-published_at", "-pk")
    if sort == SORT_BUDGET:
        return queryset.order_by("-budget_max", *newest)
    if sort == SORT_RELEVANCE and searched:
        return queryset.order_by("-rank", *newest)
    return queryset.order_by(*newest)


def posted_since(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def project_get_for_user(*, user: User, pk: int) -> Project:
    """A project `user` may see; anything else is a 404, never its data.

    Anyone sees open, public, unhidden projects; the owner and staff see their own (or all);
    freelancers invited to it or with a proposal on it see it once published, unless hidden.
    """
    visible = Q(status=Project.Status.OPEN, visibility=Project.Visibility.PUBLIC, is_hidden=False)
    if user.is_authenticated:
        if user.is_staff:
            visible = Q()
        else:
            involved = Exists(Invite.objects.filter(project=OuterRef("pk"), freelancer=user)) | (
                Exists(Proposal.objects.filter(project=OuterRef("pk"), freelancer=user))
            )
            published = ~Q(status=Project.Status.DRAFT) & Q(is_hidden=False)
            visible |= Q(employer=user) | (published & involved)
    project = _with_related(Project.objects.filter(visible)).filter(pk=pk).first()
    if project is None:
        raise Http404("No such project.")
    return project


def project_get_owned(*, user: User, pk: int) -> Project:
    """One of `user`'s own projects, for editing and lifecycle actions; others' are a 404."""
    project = _with_related(Project.objects.owned_by(user)).filter(pk=pk).first()
    if project is None:
        raise Http404("No such project.")
    return project


def project_list_for_employer(*, employer: User, status: str = "") -> QuerySet[Project]:
    """The employer's projects in every state, newest first, with proposal counts."""
    live = Q(proposals__status__in=Proposal.ACTIVE_STATUSES)
    queryset = (
        Project.objects.owned_by(employer)
        .select_related("category")
        .annotate(
            proposal_count=Count("proposals", filter=live),
            unread_proposal_count=Count(
                "proposals", filter=live & Q(proposals__viewed_at__isnull=True)
            ),
        )
        .order_by("-created_at", "-pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def project_status_counts(*, employer: User) -> dict[str, int]:
    rows = Project.objects.owned_by(employer).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows.order_by()}


def project_list_for_employer_detailed(*, employer: User, status: str = "") -> QuerySet[Project]:
    """project_list_for_employer with everything one project shows (skills, employer, category)."""
    return _with_related(project_list_for_employer(employer=employer, status=status))


def project_proposal_counts(*, project: Project) -> dict[str, int]:
    """Live proposals on the project, and how many of them its owner has not opened yet."""
    live = Q(status__in=Proposal.ACTIVE_STATUSES)
    return Proposal.objects.filter(project=project).aggregate(
        proposal_count=Count("pk", filter=live),
        unread_proposal_count=Count("pk", filter=live & Q(viewed_at__isnull=True)),
    )

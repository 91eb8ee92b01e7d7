"""Reads about proposals, invites and talent, each limited to what the user may see."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import FreelancerProfile, User
from projects.models import FreelancerSkill, Invite, Project, Proposal, ShortlistEntry
from projects.selectors.profile import portfolio_items
from projects.selectors.skills import skill_resolve

PROPOSAL_SORTS = {
    "newest": ("-created_at", "-pk"),
    "lowest": ("bid_amount", "-created_at"),
    "highest": ("-bid_amount", "-created_at"),
}


def project_get_for_proposal(*, user: User, pk: int) -> Project:
    """A project the freelancer may propose on: open and public, or open and invited; else 404."""
    invited = Invite.objects.filter(project=OuterRef("pk"), freelancer=user)
    return get_object_or_404(
        Project.objects.select_related("employer")
        .filter(status=Project.Status.OPEN, is_hidden=False)
        .filter(Q(visibility=Project.Visibility.PUBLIC) | Q(Exists(invited))),
        pk=pk,
    )


def project_get_for_owner(*, user: User, pk: int) -> Project:
    """One of the employer's own projects; anybody else's answers 404."""
    return get_object_or_404(Project, pk=pk, employer=user)


def _proposals_with_parties() -> QuerySet[Proposal]:
    shortlisted = ShortlistEntry.objects.filter(
        project=OuterRef("project"), freelancer=OuterRef("freelancer")
    )
    return Proposal.objects.select_related(
        "project", "project__employer", "freelancer", "freelancer__freelancer_profile"
    ).annotate(is_shortlisted=Exists(shortlisted))


def proposal_get_for_user(*, user: User, pk: int) -> Proposal:
    """A proposal for its freelancer or the project's owner; anybody else gets 404."""
    return get_object_or_404(
        _proposals_with_parties().filter(Q(freelancer=user) | Q(project__employer=user)), pk=pk
    )


def proposal_get_for_owner(*, user: User, pk: int) -> Proposal:
    """A proposal on one of the employer's projects; anybody else's answers 404."""
    return get_object_or_404(_proposals_with_parties(), pk=pk, project__employer=user)


def proposal_get_for_freelancer(*, user: User, pk: int) -> Proposal:
    """One of the freelancer's own proposals; anybody else's answers 404."""
    return get_object_or_404(Proposal.objects.select_related("project"), pk=pk, freelancer=user)


def proposals_for_project(
    *, project: Project, sort: str = "newest", status: str = "", shortlisted: bool = False
) -> QuerySet[Proposal]:
    """The project's proposals with their freelancers, in one query whatever their number.

    Without a status filter, withdrawn proposals are left out: the employer cannot act on them.
    """
    in_shortlist = ShortlistEntry.objects.filter(project=project, freelancer=OuterRef("freelancer"))
    proposals = (
        Proposal.objects.filter(project=project)
        .select_related("freelancer", "freelancer__freelancer_profile")
        .annotate(is_shortlisted=Exists(in_shortlist))
        .order_by(*PROPOSAL_SORTS.get(sort, PROPOSAL_SORTS["newest"]))
    )
    if status:
        proposals = proposals.filter(status=status)
    else:
        proposals = proposals.exclude(status=Proposal.Status.WITHDRAWN)
    if shortlisted:
        proposals = proposals.filter(is_shortlisted=True)
    return proposals


# The states a freelancer sees their proposals in: "archived" shows to them as "submitted".
FREELANCER_PROPOSAL_STATUSES = tuple(
    status for status in Proposal.Status if status != Proposal.Status.ARCHIVED
)


def proposals_for_freelancer(*, user: User, status: str = "") -> QuerySet[Proposal]:
    """The freelancer's proposals (in one status, when given), newest first, with clients."""
    proposals = (
        Proposal.objects.filter(freelancer=user)
        .select_related("project", "project__employer", "project__employer__employer_profile")
        .order_by("-created_at", "-pk")
    )
    if status == Proposal.Status.SUBMITTED:
        # Freelancers never learn that an employer archived their proposal.
        return proposals.filter(status__in=(status, Proposal.Status.ARCHIVED))
    return proposals.filter(status=status) if status else proposals


def invites_for_freelancer(*, user: User) -> QuerySet[Invite]:
    """Invitations the freelancer has not answered, on projects still open."""
    return (
        Invite.objects.filter(
            freelancer=user,
            status=Invite.Status.PENDING,
            project__status=Project.Status.OPEN,
            project__is_hidden=False,
        )
        .select_related("project", "project__employer", "project__employer__employer_profile")
        .order_by("-created_at", "-pk")
    )


def invite_get_for_freelancer(*, user: User, pk: int) -> Invite:
    """One of the freelancer's own invitations; anybody else's answers 404."""
    return get_object_or_404(Invite.objects.select_related("project"), pk=pk, freelancer=user)


def employer_open_projects(*, user: User) -> QuerySet[Project]:
    """The employer's projects that can take invitations."""
    return Project.objects.filter(employer=user, status=Project.Status.OPEN).order_by("title")


def _skills_prefetch() -> Prefetch:
    return Prefetch(
        "skills",
        queryset=FreelancerSkill.objects.select_related("skill").order_by("-level", "pk"),
    )


def freelancer_public_get(*, pk: int) -> FreelancerProfile:
    """A freelancer's public profile with skills; unknown, suspended or non-freelancers → 404."""
    return get_object_or_404(
        FreelancerProfile.objects.select_related("user").prefetch_related(_skills_prefetch()),
        user__pk=pk,
        user__role=User.Role.FREELANCER,
        user__is_active=True,
    )


def freelancer_public_portfolio(*, profile: FreelancerProfile):
    return portfolio_items(profile)


def talent_search(*, text: str = "", skill: str = "") -> QuerySet[FreelancerProfile]:
    """Active freelancers matching the words and the skill, with their skills prefetched."""
    profiles = FreelancerProfile.objects.filter(
        user__role=User.Role.FREELANCER, user__is_active=True
    )
    for word in text.split()[:8]:
        profiles = profiles.filter(
            Q(headline__icontains=word)
            | Q(bio__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(skills__skill__name__icontains=word)
            | Q(skills__free_text__icontains=word)
        )
    if skill.strip():
        # Aliases count: "postgres" finds freelancers who listed PostgreSQL.
        resolved = skill_resolve(skill.strip())
        profiles = profiles.filter(
            Q(skills__skill=resolved) if resolved else Q(skills__free_text__iexact=skill.strip())
        )
    return (
        profiles.distinct()
        .select_related("user")
        .prefetch_related(_skills_prefetch())
        .order_by("-updated_at", "pk")
    )


def proposals_for_project_with_parties(
    *, project: Project, sort: str = "newest", status: str = "", shortlisted: bool = False
) -> QuerySet[Proposal]:
    """proposals_for_project, each with its project and client too (lists showing both sides)."""
    return proposals_for_project(
        project=project, sort=sort, status=status, shortlisted=shortlisted
    ).select_related("project", "project__employer", "project__employer__employer_profile")


def proposals_for_freelancer_with_parties(*, user: User, status: str = "") -> QuerySet[Proposal]:
    """proposals_for_freelancer, with the freelancer's profile and whether they are shortlisted."""
    shortlisted = ShortlistEntry.objects.filter(
        project=OuterRef("project"), freelancer=OuterRef("freelancer")
    )
    return (
        proposals_for_freelancer(user=user, status=status)
        .select_related("freelancer", "freelancer__freelancer_profile")
        .annotate(is_shortlisted=Exists(shortlisted))
    )


def invites_for_freelancer_with_parties(*, user: User) -> QuerySet[Invite]:
    """invites_for_freelancer, with the freelancer too (lists showing both sides)."""
    return invites_for_freelancer(user=user).select_related("freelancer")


def freelancer_to_invite(*, pk: int) -> User | None:
    """The active freelancer with this id, or None: who an employer may invite."""
    return User.objects.filter(pk=pk, role=User.Role.FREELANCER, is_active=True).first()

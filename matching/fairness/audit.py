"""The audit's reads and its stored run: who was shown (or would be), who could do the work."""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import AIFeature, FreelancerProfile, SelfDeclaredAttribute, User
from accounts.selectors.privacy import users_opted_out
from projects.models import Invite, Project, Proposal

from ..features import Talent, gigs_load, talents_load
from ..models import FairnessAudit, MatchEvent
from ..selectors import suggested_talent
from ..timezones import region_of
from ..weights import active_weights
from .measure import (
    FOUR_FIFTHS,
    MIN_GROUP_PEOPLE,
    REGION,
    TENURE,
    TOP,
    AuditFigures,
    group_figures,
    holders_of,
    relevant_to,
    skills_asked,
)
from .report import TableRow, audit_summary, audit_table

# --- Who is in which group -------------------------------------------------------------------


def groups_of(talents: Mapping[int, Talent]) -> dict[int, list[tuple[str, str]]]:
    """Each profile's groups: (dimension, group key). Self-declared only for those who shared."""
    groups = {
        pk: [
            (TENURE, "new" if talent.is_new else "established"),
            (REGION, region_of(talent.utc_offset)),
        ]
        for pk, talent in talents.items()
    }
    profile_of = {talent.user_id: pk for pk, talent in talents.items()}
    declared = SelfDeclaredAttribute.objects.filter(user_id__in=profile_of).values_list(
        "user_id", "attribute", "value"
    )
    for user_id, attribute, value in declared:
        answer = value.strip()
        if answer:
            groups[profile_of[user_id]].append((attribute, answer.casefold()))
    return groups


# --- What was shown, to whom ------------------------------------------------------------------


def _population() -> dict[int, Talent]:
    """Every freelancer who may be suggested: active, and not opted out of suggestions."""
    ids = (
        FreelancerProfile.objects.filter(user__is_active=True, user__role=User.Role.FREELANCER)
        .exclude(user__in=users_opted_out(feature=AIFeature.SUGGESTED_TO_EMPLOYERS))
        .values_list("pk", flat=True)
    )
    return talents_load(ids)


def _set_aside(project_ids: list[int]) -> set[tuple[int, int]]:
    """(project, user) pairs suggested talent leaves out by someone's own act, not by rank:
    a proposal sent, an invitation made, the employer's "not interested"."""
    pairs = set(
        Proposal.objects.filter(project_id__in=project_ids).values_list("project_id", "freelancer")
    )
    pairs |= set(
        Invite.objects.filter(project_id__in=project_ids).values_list("project_id", "freelancer")
    )
    hidden = MatchEvent.objects.filter(
        project_id__in=project_ids,
        side=MatchEvent.Side.EMPLOYER,
        kind=MatchEvent.Kind.NOT_INTERESTED,
    )
    pairs |= set(hidden.values_list("project_id", "freelancer"))
    return pairs


def shown_pairs(start: datetime, end: datetime) -> set[tuple[int, int]]:
    """(project, user) of every impression of employers' suggested talent in the period."""
    return set(
        MatchEvent.objects.filter(
            kind=MatchEvent.Kind.IMPRESSION,
            side=MatchEvent.Side.EMPLOYER,
            created_at__gte=start,
            created_at__lt=end,
        )
        .values_list("project_id", "freelancer")
        .distinct()
    )


def top_pairs(project_ids: Iterable[int], talents: Mapping[int, Talent]) -> set[tuple[int, int]]:
    """(project, user) of the first ten of suggested talent, ranked now for each project."""
    user_of = {pk: talent.user_id for pk, talent in talents.items()}
    pairs = set()
    for project in Project.objects.filter(pk__in=list(project_ids)).select_related("employer"):
        for match in suggested_talent(project=project, limit=TOP).matches:
            if match.talent_id in user_of:
                pairs.add((project.pk, user_of[match.talent_id]))
    return pairs


# --- The run --------------------------------------------------------------------------------


def fairness_figures(*, days: int = 1, recompute: bool = False) -> AuditFigures:
    """The audit's figures, without storing them: the rankings shown in the last `days` days,
    or, with `recompute` or when none were recorded, the top 10 of every open project now."""
    end = timezone.now()
    start = end - timedelta(days=days)
    shown = set() if recompute else shown_pairs(start, end)
    talents = _population()
    if shown:
        mode = FairnessAudit.Mode.SHOWN
        project_ids = sorted({project for project, _ in shown})
    else:
        mode = FairnessAudit.Mode.RECOMPUTED
        project_ids = list(
            Project.objects.filter(status=Project.Status.OPEN).values_list("pk", flat=True)
        )
    gigs = {pk: gig for pk, gig in gigs_load(project_ids).items() if skills_asked(gig)}
    if mode == FairnessAudit.Mode.RECOMPUTED:
        shown = top_pairs(gigs, talents)
    set_aside, holders = _set_aside(list(gigs)), holders_of(talents)
    pairs = []
    for gig in gigs.values():
        for pk in relevant_to(gig, talents, holders):
            key = (gig.id, talents[pk].user_id)
            if key in shown:
                pairs.append((pk, True))
            elif key not in set_aside and talents[pk].user_id != gig.employer_id:
                pairs.append((pk, False))
    return AuditFigures(
        mode=mode,
        period_start=start,
        period_end=end,
        projects=len(gigs),
        groups=group_figures(pairs, groups_of(talents)),
    )


def fairness_audit_run(*, days: int = 1, recompute: bool = False) -> FairnessAudit:
    """Measure exposure in the top 10 by group against relevance, and store the run."""
    figures = fairness_figures(days=days, recompute=recompute)
    with transaction.atomic():
        return FairnessAudit.objects.create(
            ran_at=timezone.now(),
            period_start=figures.period_start,
            period_end=figures.period_end,
            mode=figures.mode,
            projects_audited=figures.projects,
            relevant_pairs=figures.relevant_pairs,
            groups=[asdict(g) for g in figures.groups],
            flagged=[asdict(g) for g in figures.flagged],
            summary=audit_summary(figures),
            weights_version=active_weights().version,
            top=TOP,
            threshold=FOUR_FIFTHS,
            min_group_people=MIN_GROUP_PEOPLE,
        )


def fairness_audit_latest() -> FairnessAudit | None:
    """The most recent run, for the admin and the "How matching works" page."""
    return FairnessAudit.objects.first()


@dataclass
class PublishedAudit:
    audit: FairnessAudit
    rows: list[TableRow]


def fairness_audit_published() -> PublishedAudit | None:
    """The latest run as the public page shows it (one query)."""
    audit = fairness_audit_latest()
    return PublishedAudit(audit=audit, rows=audit_table(audit.groups)) if audit else None

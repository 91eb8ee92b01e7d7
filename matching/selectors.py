"""Reads of matching: a freelancer's gig feed and an employer's suggested talent, with reasons.

Filters apply before ranking (open, public projects only; active freelancers only; nothing the
person said "not interested" to); candidates are the nearest vectors plus everyone sharing a
skill, and the scorer orders them.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Count, QuerySet

from accounts.models import AIFeature, FreelancerProfile, User
from accounts.selectors.privacy import consent_granted, users_opted_out
from projects.models import FreelancerSkill, Invite, Project, ProjectSkill, Proposal
from projects.selectors.projects import project_browse_queryset
from projects.selectors.visibility import profiles_shown_to

from . import feed_cache
from .features import Talent, gigs_load, talents_load
from .models import Embedding, MatchEvent
from .ranking import (
    CANDIDATES,
    Semantic,
    nearest,
    nearest_among,
    rank_gigs,
    rank_talent,
    vector_of,
)
from .scoring import Match
from .timezones import shares_working_hours
from .weights import active_weights

TAXONOMY_ONLY = (
    "Matching is running on skills alone for now: the language model that reads descriptions "
    "is not available, so paraphrases may be missed."
)
EMPTY_PROFILE = (
    "Add your skills and a headline to your profile: gigs are matched on what you say you do, "
    "so with nothing there we would only be guessing."
)
FEED_SWITCHED_OFF = (
    "You switched off “Match gigs to me” in your privacy settings, so Gigwise does not rank "
    "projects for you. Browse all open projects instead, or switch matching back on."
)
SKILL_CANDIDATES = 500


@dataclass
class MatchList:
    matches: list[Match] = field(default_factory=list)
    notice: str = ""  # shown above the list when matching runs degraded
    empty_reason: str = ""  # why there is nothing to show, and what to do about it
    weights_version: str = ""
    too_weak: int = 0  # ranked, but below MIN_SHOWN_SCORE, so not suggested
    feed_switched_off: bool = False  # the person turned the matched feed off (privacy page)


# Below this a "match" shares next to nothing with the person or project: suggesting it would be
# noise. The feed says how many were left out and links to browsing everything.
MIN_SHOWN_SCORE = 0.25


def _worth_suggesting(result: MatchList, matches: list[Match]) -> list[Match]:
    shown = [m for m in matches if m.score >= MIN_SHOWN_SCORE]
    result.too_weak = len(matches) - len(shown)
    return shown


def _notice(semantic: Semantic) -> str:
    return "" if semantic.available else TAXONOMY_ONLY


def dismissed_project_ids(*, user: User) -> set[int]:
    return set(
        MatchEvent.objects.filter(
            actor=user, freelancer=user, kind=MatchEvent.Kind.NOT_INTERESTED
        ).values_list("project_id", flat=True)
    )


def _open_gigs(*, user: User, within: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects the freelancer may be shown now: visible, not theirs, not proposed on, not
    marked "not interested" (of `within`, the filters they chose)."""
    base = within if within is not None else Project.objects.all()
    return (
        base.visible()
        .exclude(employer=user)
        .exclude(pk__in=Proposal.objects.filter(freelancer=user).values("project_id"))
        .exclude(pk__in=dismissed_project_ids(user=user))
    )


def _still_open(matches: list[Match], *, user: User) -> list[Match]:
    """The kept matches whose projects the freelancer may still be shown (asking about those
    few hundred only: reading every open id cost 33 ms with 19,500 open, the large demo)."""
    listed = [m.gig_id for m in matches]
    open_ids = set(_open_gigs(user=user).filter(pk__in=listed).values_list("pk", flat=True))
    return [m for m in matches if m.gig_id in open_ids]


def _gig_candidates(
    *, user: User, talent: Talent, semantic: Semantic, within: QuerySet[Project] | None = None
) -> set[int]:
    """Open projects the freelancer may be shown (of `within`, the filters they chose): all of
    them, or the nearest and the skill-sharing ones."""
    open_gigs = _open_gigs(user=user, within=within)
    open_ids = set(open_gigs.values_list("pk", flat=True))
    if len(open_ids) <= 2 * CANDIDATES:
        return open_ids
    query = vector_of(Embedding.Kind.FREELANCER, talent.id, semantic)
    near = nearest_among(Embedding.Kind.PROJECT, query, semantic, open_ids, CANDIDATES)
    skills = talent.skill_ids | talent.prose_skill_ids
    # The open projects as a subquery, not their ids: with 20,000 open, a literal IN list cost
    # 0.3 s in PostgreSQL and 0.25 s in the driver (bench/bench_scale.py, the large demo).
    shared = (
        ProjectSkill.objects.filter(skill_id__in=skills, project_id__in=open_gigs.values("pk"))
        .values("project_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "project_id")
        .values_list("project_id", flat=True)[:CANDIDATES]
    )
    return set(near) | set(shared)


def _talent_of(user: User) -> Talent | None:
    profile = FreelancerProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    talent = talents_load([profile.pk])[profile.pk]
    return talent if talent.has_skills or profile.headline.strip() else None


def gig_feed(*, user: User, limit: int = 100, within: QuerySet[Project] | None = None) -> MatchList:
    """Open projects ranked for the freelancer, each with its score and reasons.

    `within` narrows the projects before ranking (the feed's filters). Someone who switched
    the matched feed off gets no matches, and `empty_reason` says so.
    """
    if not consent_granted(user=user, feature=AIFeature.MATCHED_FEED):
        return MatchList(empty_reason=FEED_SWITCHED_OFF, feed_switched_off=True)
    semantic = Semantic.current()
    weights = active_weights()
    result = MatchList(notice=_notice(semantic), weights_version=weights.version)
    talent = _talent_of(user)
    if talent is None:
        result.empty_reason = EMPTY_PROFILE
        return result

    def ranked_now() -> list[Match]:
        candidates = _gig_candidates(user=user, talent=talent, semantic=semantic, within=within)
        gigs = {
            pk: gig
            for pk, gig in gigs_load(candidates).items()
            if shares_working_hours(gig, talent)
        }
        return rank_gigs(talent, gigs, semantic=semantic, weights=weights)

    if within is None:  # the whole feed: kept a minute (feed_cache.py says what that delays)
        ranked = feed_cache.remembered(
            key=feed_cache.feed_key(
                user_id=user.pk,
                talent=talent,
                weights_version=weights.version,
                model_version=semantic.version,
            ),
            compute=ranked_now,
            keep=lambda kept: _still_open(kept, user=user),
        )
    else:
        ranked = ranked_now()
    result.matches = _worth_suggesting(result, ranked)[:limit]
    return result


def project_match_for_freelancer(*, user: User, project: Project) -> Match | None:
    """How well one project fits the freelancer viewing it (None for anyone else, and for a
    freelancer who switched the matched feed off).

    It is ranked among the same projects as the feed, so its score is the one the feed shows
    (word rarity is measured over that pool).
    """
    if project.employer_id == user.pk:
        return None
    if not consent_granted(user=user, feature=AIFeature.MATCHED_FEED):
        return None
    talent = _talent_of(user)
    if talent is None:
        return None
    semantic = Semantic.current()
    weights = active_weights()
    cached = feed_cache.cached_match(
        key=feed_cache.feed_key(
            user_id=user.pk,
            talent=talent,
            weights_version=weights.version,
            model_version=semantic.version,
        ),
        project_id=project.pk,
    )
    if cached is not None:  # the score their feed shows, ranked in the same pool
        return cached
    candidates = _gig_candidates(user=user, talent=talent, semantic=semantic) | {project.pk}
    matches = rank_gigs(talent, gigs_load(candidates), semantic=semantic, weights=weights)
    return next((m for m in matches if m.gig_id == project.pk), None)


def _talent_candidates(project: Project, semantic: Semantic) -> set[int]:
    query = vector_of(Embedding.Kind.PROJECT, project.pk, semantic)
    near = set(nearest(Embedding.Kind.FREELANCER, query, semantic, CANDIDATES))
    skill_ids = ProjectSkill.objects.filter(project=project, skill__isnull=False).values("skill_id")
    # Those sharing the most of the project's skills first, when more than the cap share one.
    shared = (
        FreelancerSkill.objects.filter(skill_id__in=skill_ids)
        .values("profile_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "profile_id")
        .values_list("profile_id", flat=True)[:SKILL_CANDIDATES]
    )
    return near | set(shared)


def _eligible_talent(*, project: Project, consent: str) -> QuerySet[FreelancerProfile]:
    """Active freelancers who allow `consent`, not the employer, and not already proposing,
    invited or hidden by the employer for this project."""
    hidden = MatchEvent.objects.filter(
        project=project, side=MatchEvent.Side.EMPLOYER, kind=MatchEvent.Kind.NOT_INTERESTED
    ).values("freelancer_id")
    return (
        FreelancerProfile.objects.filter(user__is_active=True, user__role=User.Role.FREELANCER)
        .exclude(user=project.employer)
        .exclude(user__in=Proposal.objects.filter(project=project).values("freelancer_id"))
        .exclude(user__in=Invite.objects.filter(project=project).values("freelancer_id"))
        .exclude(user__in=hidden)
        .exclude(user__in=users_opted_out(feature=consent))
    )


def suggested_talent(
    *, project: Project, limit: int = 20, consent: str = AIFeature.SUGGESTED_TO_EMPLOYERS
) -> MatchList:
    """Freelancers ranked for the project, without those already proposing, invited or hidden.

    Nor those who do not allow `consent`: by default being suggested to employers; telling
    freelancers about a new project asks for their matched feed instead (it is theirs).
    """
    semantic = Semantic.current()
    weights = active_weights()
    result = MatchList(notice=_notice(semantic), weights_version=weights.version)
    gig = gigs_load([project.pk]).get(project.pk)
    if gig is None:
        return result
    eligible = _eligible_talent(project=project, consent=consent)

    def ranked_now() -> list[Match]:
        candidates = eligible.filter(pk__in=_talent_candidates(project, semantic))
        talents = {
            pk: talent
            for pk, talent in talents_load(candidates.values_list("pk", flat=True)).items()
            if shares_working_hours(gig, talent)
        }
        return rank_talent(gig, talents, semantic=semantic, weights=weights)

    def still_eligible(kept: list[Match]) -> list[Match]:
        ids = set(eligible.filter(pk__in=[m.talent_id for m in kept]).values_list("pk", flat=True))
        return [m for m in kept if m.talent_id in ids]

    ranked = feed_cache.remembered(
        key=feed_cache.talent_key(
            project_id=project.pk,
            gig=gig,
            consent=consent,
            weights_version=weights.version,
            model_version=semantic.version,
        ),
        compute=ranked_now,
        keep=still_eligible,
    )
    result.matches = _worth_suggesting(result, ranked)[:limit]
    if not result.matches:
        result.empty_reason = (
            "No freelancer matches this project's skills yet. Listing the skills by their "
            "common names (for example “PostgreSQL”, not “DB stuff”) helps."
        )
    return result


def gig_rows(matches: list[Match]) -> list[tuple[Project, Match]]:
    """Each matched project with what its card shows, in the matches' order."""
    projects = project_browse_queryset().in_bulk([m.gig_id for m in matches])
    return [(projects[m.gig_id], m) for m in matches if m.gig_id in projects]


def talent_rows(
    matches: list[Match], *, viewer: User | None = None
) -> list[tuple[FreelancerProfile, Match]]:
    """Each matched freelancer's profile (with the user), in the matches' order.

    With a `viewer` (the employer shown the list), each profile carries `shown` (the fields they
    may see), and a match whose freelancer hides their rate from them loses the reason quoting it.
    """
    profiles = FreelancerProfile.objects.select_related("user").in_bulk(
        [m.talent_id for m in matches]
    )
    rows = [(profiles[m.talent_id], m) for m in matches if m.talent_id in profiles]
    if viewer is None:
        return rows
    profiles_shown_to(viewer=viewer, profiles=[profile for profile, _ in rows])
    return [(p, m if p.shown.rate else m.without_reasons("rate")) for p, m in rows]


@dataclass
class RankedProposals:
    proposals: list[Proposal]  # best match first, each with its `match` (None: no profile)
    notice: str = ""  # shown above the list when matching runs degraded


def proposals_by_match(*, project: Project, proposals: list[Proposal]) -> RankedProposals:
    """The project's proposals ranked as suggested talent is, each carrying its `match`.

    On an hourly project the rate criterion reads each proposal's bid, the price on the table.

    `proposals` come from projects' own selector (with their freelancers' profiles), so the
    filters of the proposals page apply unchanged; a proposal whose freelancer has no profile
    left keeps its place at the end with no match.
    """
    semantic = Semantic.current()
    weights = active_weights()
    profile_of = {
        p.freelancer_id: p.freelancer.freelancer_profile.pk
        for p in proposals
        if hasattr(p.freelancer, "freelancer_profile")
    }
    gig = gigs_load([project.pk]).get(project.pk)
    matches = []
    if gig is not None and profile_of:
        talents = talents_load(profile_of.values())
        if gig.budget_type == "hourly":
            # What the employer would pay is the bid, not the rate on the profile.
            for proposal in proposals:
                pk = profile_of.get(proposal.freelancer_id)
                if pk in talents:
                    talents[pk] = replace(
                        talents[pk],
                        hourly_rate=float(proposal.bid_amount),
                        currency=proposal.currency,
                    )
        matches = rank_talent(gig, talents, semantic=semantic, weights=weights)
    by_profile = {m.talent_id: m for m in matches}
    # Everyone here sent the owner a proposal, so is their client; a rate hidden even from
    # clients is not quoted where the reason reads the profile's rate (not the bid).
    profiles = [p.freelancer.freelancer_profile for p in proposals if p.freelancer_id in profile_of]
    shown = profiles_shown_to(
        viewer=project.employer, profiles=profiles, clients={p.freelancer_id for p in proposals}
    )
    rate_hidden = {p.pk for p in shown if not p.shown.rate}
    for proposal in proposals:
        match = by_profile.get(profile_of.get(proposal.freelancer_id))
        if match is not None and match.talent_id in rate_hidden and gig.budget_type != "hourly":
            match = match.without_reasons("rate")
        proposal.match = match
    ranked = sorted(
        proposals, key=lambda p: (p.match is None, -(p.match.score if p.match else 0), -p.pk)
    )
    return RankedProposals(proposals=ranked, notice=_notice(semantic))

"""What a viewer may see of freelancers' rate, country and photo, on every page and endpoint.

The rule is accounts' (`accounts.selectors.visibility`); projects knows who is whose client (a
proposal, an invitation or a contract on the employer's projects), so the pages and endpoints
that show freelancers to others call these. Each profile gets a `shown` attribute
(`ShownFields`) that templates and serializers read: ``{% if profile.shown.rate %}``.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404

from accounts.models import FreelancerProfile, User
from accounts.selectors.visibility import ShownFields, needs_client_check, shown_fields
from projects.models import Contract, Invite, Proposal


def clients_among(*, employer: User, freelancer_ids: Iterable[int]) -> set[int]:
    """Those of the freelancers (user ids) with a proposal, invitation or contract with
    `employer`: one query."""
    ids = set(freelancer_ids)
    if not ids:
        return set()
    proposals = Proposal.objects.filter(project__employer=employer, freelancer_id__in=ids)
    invites = Invite.objects.filter(project__employer=employer, freelancer_id__in=ids)
    contracts = Contract.objects.filter(employer=employer, freelancer_id__in=ids)
    return set(
        User.objects.filter(
            Q(pk__in=proposals.values("freelancer_id"))
            | Q(pk__in=invites.values("freelancer_id"))
            | Q(pk__in=contracts.values("freelancer_id"))
        ).values_list("pk", flat=True)
    )


def profiles_shown_to(
    *, viewer: User | None, profiles: Iterable[FreelancerProfile], clients: set[int] | None = None
) -> list[FreelancerProfile]:
    """The profiles, each with `shown`: the fields `viewer` may see. At most one query, and
    none unless the viewer is an employer and a profile limits a field to clients.

    `clients` (user ids), when the caller already knows them, saves that query: on the
    proposals of a project, every freelancer listed is its owner's client.
    """
    profiles = list(profiles)
    signed_in = viewer is not None and viewer.is_authenticated
    if clients is None:
        clients = set()
        asks = [p.user_id for p in profiles if needs_client_check(p)]
        if asks and signed_in and viewer.is_employer:
            clients = clients_among(employer=viewer, freelancer_ids=asks)
    for profile in profiles:
        profile.shown = shown_fields(
            profile=profile, viewer=viewer, is_client=profile.user_id in clients
        )
    return profiles


def profile_shown_to(*, viewer: User | None, profile: FreelancerProfile) -> ShownFields:
    """The fields of one profile `viewer` may see (also set as `profile.shown`)."""
    return profiles_shown_to(viewer=viewer, profiles=[profile])[0].shown


def freelancer_photo_for(*, viewer: User | None, pk: int) -> FreelancerProfile:
    """The active freelancer (user id `pk`) whose photo `viewer` may see; else 404, the same
    answer whether there is no photo or it is hidden from them."""
    profile = (
        FreelancerProfile.objects.select_related("user")
        .filter(user__pk=pk, user__role=User.Role.FREELANCER, user__is_active=True)
        .exclude(photo="")
        .first()
    )
    if profile is None or not profile_shown_to(viewer=viewer, profile=profile).photo:
        raise Http404("No photo to show.")
    return profile

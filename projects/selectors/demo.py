"""Reads about the demo marketplace: what `seed_demo` reports it holds."""

import datetime as dt
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from projects.demo.plan import DEMO_DOMAIN
from projects.models import (
    Contract,
    Invite,
    Message,
    Milestone,
    Notification,
    Project,
    Proposal,
    Review,
    Thread,
)

DAY = dt.timedelta(days=1)


def demo_market_summary(now: dt.datetime | None = None) -> dict[str, dict[str, int]]:
    """What the demo marketplace holds, by kind and state (for the command's summary)."""
    now = now or timezone.now()
    demo = Q(employer__email__endswith=f"@{DEMO_DOMAIN}")
    projects = Project.objects.filter(demo)

    def by(queryset, name):
        return dict(sorted(Counter(queryset.values_list(name, flat=True)).items()))

    states = by(projects, "status")
    open_projects = projects.filter(status=Project.Status.OPEN)
    states["open"] = open_projects.filter(visibility=Project.Visibility.PUBLIC).count()
    states["open invite-only"] = open_projects.filter(
        visibility=Project.Visibility.INVITE_ONLY
    ).count()
    contracts = Contract.objects.filter(demo)
    reviewed = contracts.annotate(n=Count("reviews")).filter(n=1)
    blind = reviewed.filter(ended_at__gt=now - Review.BLIND_DAYS * DAY).count()
    return {
        "projects": states,
        "proposals": by(Proposal.objects.filter(project__in=projects), "status"),
        "invites": by(Invite.objects.filter(project__in=projects), "status"),
        "contracts": by(contracts, "status"),
        "milestones": by(Milestone.objects.filter(contract__in=contracts), "status"),
        "reviews": {
            "written": Review.objects.filter(contract__in=contracts).count(),
            "still blind": blind,
        },
        "messages": {
            "threads": Thread.objects.filter(project__in=projects).count(),
            "messages": Message.objects.filter(thread__project__in=projects).count(),
            "notifications": Notification.objects.filter(
                user__email__endswith=f"@{DEMO_DOMAIN}"
            ).count(),
        },
    }

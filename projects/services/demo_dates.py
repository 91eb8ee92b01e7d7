"""When the demo's people joined: before anything they did, and with their profiles."""

import datetime as dt

from django.db.models import Min, OuterRef, Subquery

from accounts.models import EmployerProfile, FreelancerProfile, User
from projects.demo.plan import DEMO_DOMAIN
from projects.models import Project, Proposal

ONBOARDING_TIME = dt.timedelta(minutes=20)  # from joining to a finished profile


def profiles_date_align(user_ids: list[int]) -> None:
    """A demo profile was created when its user joined, not when the seed ran."""
    joined = Subquery(User.objects.filter(pk=OuterRef("user_id")).values("date_joined")[:1])
    for model in (FreelancerProfile, EmployerProfile):
        model.objects.filter(user_id__in=user_ids).update(created_at=joined)


def joined_before_first_activity() -> None:
    """Move a demo account's join date before its first project or proposal.

    Stories pick their people without looking at when they joined, so an employer planned as
    new (joined weeks ago) could have published a project a year ago, and read "On Gigwise
    since November 2026" beside a year of spending. Such an account joined 3 to 30 days before
    its first act (a fixed offset per account, so a seed gives the same dates).
    """
    domain = f"@{DEMO_DOMAIN}"
    firsts: dict[int, dt.datetime] = {}
    for rows in (
        Project.objects.filter(employer__email__endswith=domain)
        .values_list("employer_id")
        .annotate(first=Min("created_at")),
        Proposal.objects.filter(freelancer__email__endswith=domain)
        .values_list("freelancer_id")
        .annotate(first=Min("created_at")),
    ):
        for user_id, first in rows.order_by():
            firsts[user_id] = min(first, firsts.get(user_id, first))
    late = User.objects.filter(pk__in=firsts).only("pk", "date_joined", "onboarded_at")
    moved = []
    for user in late:
        if user.date_joined >= firsts[user.pk]:
            user.date_joined = firsts[user.pk] - dt.timedelta(days=3 + user.pk % 28)
            user.onboarded_at = user.date_joined + ONBOARDING_TIME
            moved.append(user)
    User.objects.bulk_update(moved, ["date_joined", "onboarded_at"], batch_size=500)
    profiles_date_align([user.pk for user in moved])

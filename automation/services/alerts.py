"""Search alerts: the digest of new projects a saved search matches, ranked with reasons.

Idempotent by construction: each project goes to each person once (AlertDelivery's unique
constraint), a digest's rows, its in-app notification, its e-mail and the search's watermark
are written in one transaction with the search and its owner locked, so a run repeated, a
second worker, or a retry after a crash mid-run sends nothing twice.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from matching.selectors import dismissed_project_ids, gig_feed
from projects.models import Notification, NotificationKind, Project, Proposal
from projects.selectors.projects import project_browse_queryset
from projects.services.notification_email import notification_wants_email
from projects.services.notifications import notify

from ..models import AlertDelivery, SavedSearch
from ..selectors import saved_search_is_due, saved_search_projects, saved_searches_due
from ..tokens import saved_search_unsubscribe_token

# A project published just before a run but committed just after it would slip under the
# watermark; looking this far back catches it, and the sent-log keeps it from going twice.
OVERLAP = dt.timedelta(hours=1)
MAX_ITEMS = 20
FILTER_REASON = "Matches your saved filters."


@dataclass
class DigestItem:
    project: Project
    percent: int | None  # None: the matching engine could not rank it for this person
    reasons: str


@dataclass
class DigestResult:
    due: bool = False
    items: list[DigestItem] = field(default_factory=list)
    more: int = 0  # matched, but beyond the digest's length
    emailed: bool = False

    @property
    def sent(self) -> int:
        return len(self.items) + self.more


def digest_items(*, search: SavedSearch, user: User, until: dt.datetime) -> list[DigestItem]:
    """New projects the search matches that the person was never sent, best match first."""
    new = (
        saved_search_projects(search=search)
        .filter(published_at__gt=search.last_sent_at - OVERLAP, published_at__lte=until)
        .exclude(employer=user)
        .exclude(pk__in=AlertDelivery.objects.filter(user=user).values("project_id"))
        .exclude(pk__in=Proposal.objects.filter(freelancer=user).values("project_id"))
        .exclude(pk__in=dismissed_project_ids(user=user))
    )
    new_ids = list(new.order_by("-published_at", "-pk").values_list("pk", flat=True))
    if not new_ids:
        return []
    # The matching engine orders them and says why; what it would not suggest (a weak score,
    # no shared working hours) still matched the person's own filters, so it follows, newest
    # first.
    matches = gig_feed(
        user=user, limit=len(new_ids), within=Project.objects.filter(pk__in=new_ids)
    ).matches
    wanted = set(new_ids)
    ranked = {m.gig_id: m for m in matches if m.gig_id in wanted}
    order = [*ranked, *(pk for pk in new_ids if pk not in ranked)]
    projects = project_browse_queryset().in_bulk(order)
    items = []
    for pk in order:
        match = ranked.get(pk)
        reasons = match.explanation if match and match.reasons else FILTER_REASON
        items.append(
            DigestItem(project=projects[pk], percent=match and match.percent, reasons=reasons)
        )
    return items


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def digest_title(*, search: SavedSearch, count: int) -> str:
    return f"{count} new project{'s' if count != 1 else ''} for “{search.name}”"


def digest_email_send(
    *, search: SavedSearch, user: User, items: list[DigestItem], more: int
) -> None:
    """The digest by e-mail, with a one-click unsubscribe link for this search."""
    token = saved_search_unsubscribe_token(search_id=search.pk)
    unsubscribe = _absolute(reverse("automation:unsubscribe", args=[token]))
    context = {
        "search": search,
        "items": [
            (item, _absolute(reverse("projects:project-detail", args=[item.project.pk])))
            for item in items
        ],
        "more": more,
        "browse_url": _absolute(f"{reverse('projects:project-list')}?{search.query}"),
        "manage_url": _absolute(reverse("automation:search-detail", args=[search.pk])),
        "unsubscribe_url": unsubscribe,
    }
    EmailMessage(
        subject=f"Gigwise: {digest_title(search=search, count=len(items) + more)}",
        body=render_to_string("automation/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()


def saved_search_digest_send(
    *,
    search_id: int,
    now: dt.datetime,
    force: bool = False,
) -> DigestResult:
    """Send one saved search's digest if it is due (or `force`d): in-app and by e-mail, once."""
    with transaction.atomic():
        search = SavedSearch.objects.select_for_update().filter(pk=search_id).first()
        if search is None:
            return DigestResult()
        # The owner's row too: two of their searches matching one project never race for it.
        user = User.objects.select_for_update().filter(pk=search.user_id).first()
        if not user.is_active or not user.is_freelancer:
            return DigestResult()
        if not (force or saved_search_is_due(search=search, user=user, now=now)):
            return DigestResult()
        found = digest_items(search=search, user=user, until=now)
        search.last_sent_at = now
        search.save(update_fields=["last_sent_at", "updated_at"])
        # Beyond MAX_ITEMS the digest links to the list instead of listing them; they are logged
        # as sent all the same, so the next digest does not bring them up again.
        items, more = found[:MAX_ITEMS], max(len(found) - MAX_ITEMS, 0)
        result = DigestResult(due=True, items=items, more=more)
        if not found:
            return result
        digest_key = f"search_alert:{search.pk}:{min(i.project.pk for i in found)}"
        AlertDelivery.objects.bulk_create(
            AlertDelivery(
                user=user,
                saved_search=search,
                project=item.project,
                percent=item.percent,
                reasons=item.reasons,
                position=position,
                digest_key=digest_key,
                sent_at=now,
            )
            for position, item in enumerate(found)
        )
        notification = notify(
            user=user,
            kind=NotificationKind.SEARCH_ALERT,
            title=digest_title(search=search, count=len(items) + more),
            body="\n".join(
                f"{item.project.title}"
                + (f" ({item.percent}% match)" if item.percent is not None else "")
                for item in items[:5]
            ),
            url=reverse("automation:search-detail", args=[search.pk]),
            event_key=digest_key,
        )
        if notification_wants_email(user_id=user.pk, kind=NotificationKind.SEARCH_ALERT):
            # Marked in the same transaction: the generic notification e-mail (enqueued by
            # notify) then finds it e-mailed and sends nothing; a failed send rolls both back.
            if notification is not None:
                Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
            digest_email_send(search=search, user=user, items=items, more=more)
            result.emailed = True
        return result


def search_alerts_send(*, now: dt.datetime) -> int:
    """Every saved search due now sends its digest; returns how many projects went out.

    Each search is its own transaction: a crash after some commits leaves the rest for the
    next run (or the retry), and those already sent are not sent again.
    """
    return sum(
        saved_search_digest_send(search_id=pk, now=now).sent for pk in saved_searches_due(now=now)
    )

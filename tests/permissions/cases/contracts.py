"""The projects namespace, part two: contracts, milestones, reviews, messages, notifications,
jobs and moderation reports."""

from collections.abc import Callable

from projects.models import Milestone
from projects.services.notification_email import notification_unsubscribe_token

from ..matrix import (
    CONTRACT_EMPLOYER,
    CONTRACT_FREELANCER,
    LOGGED_IN,
    LOGIN,
    PARTIES,
    PARTIES_AND_STAFF,
    POST_ONLY_FOR_ANY,
    PUBLIC,
    REDIRECT,
    Case,
    roles,
    with_,
)
from ..world import (
    COMPLETED_TITLE,
    CONTRACT_TERMS,
    DRAFT_TITLE,
    IN_PROGRESS_TITLE,
    JOB_TITLE,
    LEDGER_AMOUNT,
    MESSAGE_BODY,
    NOTIFICATION_TITLE,
    World,
)


def milestone_args(status: str) -> Callable[[World], list]:
    return lambda w: [w.contract.pk, w.milestones[status].pk]


U, F, S, C, R = (
    Milestone.Status.UNFUNDED,
    Milestone.Status.FUNDED,
    Milestone.Status.SUBMITTED,
    Milestone.Status.CHANGES_REQUESTED,
    Milestone.Status.RELEASED,
)

CASES: list[Case] = [
    # --- contracts, milestones, reviews -----------------------------------------------------------
    Case(
        "projects:contract-list",
        "own list",
        LOGGED_IN,
        secrets=(IN_PROGRESS_TITLE, str(LEDGER_AMOUNT)),
        hidden_from=("Y", "B", "staff"),
    ),
    Case(
        "projects:contract-detail",
        "A-X, active",
        PARTIES_AND_STAFF,
        args=lambda w: [w.contract.pk],
        secrets=(CONTRACT_TERMS, str(LEDGER_AMOUNT), IN_PROGRESS_TITLE),
    ),
    Case(
        "projects:contract-detail",
        "A-X, completed",
        PARTIES_AND_STAFF,
        args=lambda w: [w.ended_contract.pk],
        secrets=(COMPLETED_TITLE,),
    ),
    Case(
        "projects:milestone-add",
        "A-X",
        CONTRACT_EMPLOYER,
        args=lambda w: [w.contract.pk],
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-add",
        "A-X, empty form",
        CONTRACT_EMPLOYER,
        args=lambda w: [w.contract.pk],
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-fund",
        "unfunded",
        with_(CONTRACT_EMPLOYER, A=REDIRECT),
        args=milestone_args(U),
        method="post",
    ),
    Case(
        "projects:milestone-fund",
        "already released: refused with a message",
        with_(CONTRACT_EMPLOYER, A=REDIRECT),
        args=milestone_args(R),
        method="post",
    ),
    Case("projects:milestone-fund", "GET", POST_ONLY_FOR_ANY, args=milestone_args(U)),
    Case(
        "projects:milestone-submit",
        "funded",
        CONTRACT_FREELANCER,
        args=milestone_args(F),
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-submit",
        "changes requested, empty form",
        CONTRACT_FREELANCER,
        args=milestone_args(C),
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-request-changes",
        "submitted",
        CONTRACT_EMPLOYER,
        args=milestone_args(S),
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-request-changes",
        "submitted, empty form",
        CONTRACT_EMPLOYER,
        args=milestone_args(S),
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    Case(
        "projects:milestone-approve",
        "submitted",
        with_(CONTRACT_EMPLOYER, A=REDIRECT),
        args=milestone_args(S),
        method="post",
    ),
    Case(
        "projects:milestone-approve",
        "unfunded: refused with a message",
        with_(CONTRACT_EMPLOYER, A=REDIRECT),
        args=milestone_args(U),
        method="post",
    ),
    Case("projects:milestone-approve", "GET", POST_ONLY_FOR_ANY, args=milestone_args(S)),
    Case(
        "projects:contract-complete",
        "open milestones: refused with a message",
        with_(CONTRACT_EMPLOYER, A=REDIRECT),
        args=lambda w: [w.contract.pk],
        method="post",
    ),
    Case("projects:contract-complete", "GET", POST_ONLY_FOR_ANY, args=lambda w: [w.contract.pk]),
    Case(
        "projects:contract-cancel",
        "A-X",
        PARTIES,
        args=lambda w: [w.contract.pk],
        secrets=(IN_PROGRESS_TITLE, str(LEDGER_AMOUNT)),
    ),
    Case(
        "projects:contract-cancel",
        "A-X, empty form",
        PARTIES,
        args=lambda w: [w.contract.pk],
        method="post",
        secrets=(IN_PROGRESS_TITLE, str(LEDGER_AMOUNT)),
    ),
    Case(
        "projects:review-create",
        "ended, both reviewed",
        PARTIES,
        args=lambda w: [w.ended_contract.pk],
        secrets=(COMPLETED_TITLE,),
    ),
    Case(
        "projects:review-create",
        "active: not yet, empty form",
        PARTIES,
        args=lambda w: [w.contract.pk],
        method="post",
        secrets=(IN_PROGRESS_TITLE,),
    ),
    # --- messages and notifications ---------------------------------------------------------------
    Case(
        "projects:inbox",
        "own threads",
        LOGGED_IN,
        secrets=(MESSAGE_BODY,),
        hidden_from=("Y", "B", "staff"),
    ),
    Case(
        "projects:thread-detail",
        "A-X",
        PARTIES,
        args=lambda w: [w.thread.pk],
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:thread-detail",
        "A-X, empty message",
        PARTIES,
        args=lambda w: [w.thread.pk],
        method="post",
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:thread-messages",
        "poll",
        PARTIES,
        args=lambda w: [w.thread.pk],
        query="after=0",
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:thread-for-contract",
        "A-X",
        with_(PARTIES, X=REDIRECT, A=REDIRECT),
        args=lambda w: [w.contract.pk],
    ),
    Case(
        "projects:thread-for-proposal",
        "X's proposal",
        with_(PARTIES, X=REDIRECT, A=REDIRECT),
        args=lambda w: [w.proposal.pk],
    ),
    Case(
        "projects:notification-list",
        "own notifications",
        LOGGED_IN,
        secrets=(NOTIFICATION_TITLE,),
        hidden_from=("Y", "A", "B", "staff"),
    ),
    Case(
        "projects:notification-read-all",
        "own notifications",
        roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        method="post",
    ),
    Case("projects:notification-read-all", "GET", POST_ONLY_FOR_ANY),
    Case(
        "projects:notification-read",
        "X's notification",
        roles(LOGIN, REDIRECT, 404, 404, 404, 404),
        args=lambda w: [w.notification.pk],
        method="post",
        secrets=(NOTIFICATION_TITLE,),
    ),
    Case(
        "projects:notification-read",
        "GET",
        POST_ONLY_FOR_ANY,
        args=lambda w: [w.notification.pk],
    ),
    Case("projects:notification-preferences", "own", LOGGED_IN),
    Case(
        "projects:job-detail",
        "X's job",
        roles(LOGIN, 200, 404, 404, 404, 404),
        args=lambda w: [w.job.pk],
        secrets=(JOB_TITLE,),
    ),
    Case(
        "projects:notification-preferences",
        "nothing ticked",
        roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
        method="post",
    ),
    # The e-mail's signed one-click link: no login, whoever opens it (the token is the proof).
    Case(
        "projects:notification-unsubscribe",
        "X's link, confirm",
        PUBLIC,
        args=lambda w: [notification_unsubscribe_token(user_id=w.X.pk, kind="hired")],
    ),
    Case(
        "projects:notification-unsubscribe",
        "X's link",
        PUBLIC,
        args=lambda w: [notification_unsubscribe_token(user_id=w.X.pk, kind="hired")],
        method="post",
    ),
    Case(
        "projects:notification-unsubscribe",
        "tampered link",
        roles(404, 404, 404, 404, 404, 404),
        args=lambda w: ["forged:token"],
    ),
    # --- moderation -------------------------------------------------------------------------------
    Case(
        "projects:report-create",
        "a public project",
        LOGGED_IN,
        query="target=project&id={open_public}",
    ),
    Case(
        "projects:report-create",
        "a draft",
        roles(LOGIN, 404, 404, 200, 404, 404),
        query="target=project&id={draft}",
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "projects:report-create",
        "a message in A-X's thread",
        PARTIES,
        query="target=message&id={message}",
        secrets=(MESSAGE_BODY,),
    ),
    Case(
        "projects:report-create",
        "X's profile, empty form",
        LOGGED_IN,
        method="post",
        data={"target": "user", "id": "{X}"},
    ),
    Case(
        "projects:report-create",
        "nothing to report",
        roles(LOGIN, 404, 404, 404, 404, 404),
        query="target=invoice&id=1",
    ),
]

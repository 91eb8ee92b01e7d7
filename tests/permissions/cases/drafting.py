"""drafting: proposal drafts, one per freelancer and project, and bulk re-drafting."""

from ..matrix import (
    DASHBOARD,
    FREELANCERS,
    LOGIN,
    NO_FREELANCER,
    POST_ONLY_FOR_FREELANCERS,
    REDIRECT,
    X_ACTS,
    X_ONLY,
    Case,
    pk,
    roles,
)
from ..world import (
    DRAFT_LETTER,
    DRAFT_TITLE,
    HIDDEN_TITLE,
    INVITE_ONLY_TITLE,
)

CASES: list[Case] = [
    Case(
        "drafting:draft-create",
        "open, public",
        roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
        args=pk("open_public"),
        method="post",
    ),
    Case(
        "drafting:draft-create",
        "A's draft project",
        roles(LOGIN, 404, 404, 404, 404, DASHBOARD),
        args=pk("draft"),
        method="post",
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "drafting:draft-create",
        "invite only, X invited",
        roles(LOGIN, REDIRECT, 404, 404, 404, DASHBOARD),
        args=pk("invite_only"),
        method="post",
        secrets=(INVITE_ONLY_TITLE,),
    ),
    Case(
        "drafting:draft-create",
        "hidden by staff, Y proposed",
        NO_FREELANCER,
        args=pk("hidden"),
        method="post",
        secrets=(HIDDEN_TITLE,),
    ),
    Case("drafting:draft-create", "GET", POST_ONLY_FOR_FREELANCERS, args=pk("open_public")),
    Case(
        "drafting:draft-list",
        "own drafts (titles only; Y's list is checked for X's letter by the leak test)",
        FREELANCERS,
    ),
    Case(
        "drafting:redraft",
        "own drafts",
        roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
        method="post",
    ),
    Case("drafting:redraft", "GET", POST_ONLY_FOR_FREELANCERS),
    Case(
        "drafting:draft-detail",
        "X's draft",
        X_ONLY,
        args=pk("proposal_draft"),
        secrets=(DRAFT_LETTER,),
    ),
    Case(
        "drafting:draft-update",
        "X's draft, empty text",
        roles(LOGIN, 400, 404, 404, 404, DASHBOARD),
        args=pk("proposal_draft"),
        method="post",
    ),
    Case(
        "drafting:draft-update",
        "GET",
        roles(LOGIN, 405, 405, 404, 404, DASHBOARD),
        args=pk("proposal_draft"),
    ),
    Case("drafting:draft-regenerate", "X's draft", X_ACTS, pk("proposal_draft"), "post"),
    Case(
        "drafting:draft-regenerate",
        "GET",
        roles(LOGIN, 405, 405, 404, 404, DASHBOARD),
        args=pk("proposal_draft"),
    ),
    Case(
        "drafting:draft-delete",
        "confirm",
        X_ONLY,
        args=pk("proposal_draft"),
    ),
    Case("drafting:draft-delete", "X's draft", X_ACTS, pk("proposal_draft"), "post"),
]

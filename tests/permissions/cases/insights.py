"""insights: the market page and the fragments other pages load (advice, signals, pool)."""

from ..matrix import (
    EMPLOYERS,
    FREELANCERS,
    LOGGED_IN,
    NO_FREELANCER,
    POST_ONLY_FOR_EMPLOYERS,
    PUBLIC,
    X_ONLY,
    Case,
    pk,
    roles,
)
from ..world import (
    DRAFT_TITLE,
    HIDDEN_TITLE,
)

CASES: list[Case] = [
    Case("insights:market", "market figures", LOGGED_IN),
    Case("insights:rate-advice", "own rate", FREELANCERS, query="hourly_rate=25"),
    Case("insights:bid-advice", "open, public", FREELANCERS, args=pk("open_public")),
    Case(
        "insights:bid-advice",
        "A's draft",
        NO_FREELANCER,
        args=pk("draft"),
        secrets=(DRAFT_TITLE,),
    ),
    Case(
        "insights:bid-advice",
        "invite only, X invited",
        X_ONLY,
        args=pk("invite_only"),
    ),
    Case(
        "insights:bid-advice",
        "hidden by staff, Y proposed",
        NO_FREELANCER,
        args=pk("hidden"),
        secrets=(HIDDEN_TITLE,),
    ),
    Case(
        "insights:client-signals",
        "invite only, X invited",
        roles(404, 200, 404, 200, 404, 200),
        args=pk("invite_only"),
    ),
    Case(
        "insights:client-signals",
        "hidden by staff",
        roles(404, 404, 404, 200, 404, 200),
        args=pk("hidden"),
    ),
    Case("insights:client-signals", "open, public", PUBLIC, args=pk("open_public")),
    Case(
        "insights:client-signals",
        "A's draft",
        roles(404, 404, 404, 200, 404, 200),
        args=pk("draft"),
    ),
    Case("insights:talent-pool", "Django", EMPLOYERS, query="skills=Django"),
    Case(
        "insights:budget-estimate",
        "an empty form",
        EMPLOYERS,
        method="post",
    ),
    Case("insights:budget-estimate", "GET", POST_ONLY_FOR_EMPLOYERS),
]

"""automation: saved searches, their alerts and the signed unsubscribe link."""

from ..matrix import (
    DASHBOARD,
    FREELANCERS,
    LOGIN,
    NOT_FOUND,
    POST_ONLY_FOR_FREELANCERS,
    PUBLIC,
    REDIRECT,
    X_ACTS,
    X_ONLY,
    Case,
    pk,
    roles,
)
from ..world import (
    SEARCH_NAME,
)

NOT_X = ("Y", "A", "B", "staff")

CASES: list[Case] = [
    Case(
        "automation:search-list",
        "own list",
        FREELANCERS,
        secrets=(SEARCH_NAME,),
        hidden_from=NOT_X,
    ),
    Case("automation:search-create", "form", FREELANCERS),
    Case(
        "automation:search-create",
        "no filters",
        roles(LOGIN, 400, 400, 404, 404, DASHBOARD),
        method="post",
        data={"query": "", "frequency": "daily"},
        secrets=(SEARCH_NAME,),
        hidden_from=NOT_X,
    ),
    Case(
        "automation:search-send-all",
        "own searches",
        roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
        method="post",
    ),
    Case("automation:search-send-all", "GET", POST_ONLY_FOR_FREELANCERS),
    Case(
        "automation:search-detail",
        "X's search",
        X_ONLY,
        args=pk("saved_search"),
        secrets=(SEARCH_NAME,),
    ),
    Case(
        "automation:search-detail",
        "X's search, empty form",
        roles(LOGIN, 400, 404, 404, 404, DASHBOARD),
        args=pk("saved_search"),
        method="post",
        secrets=(SEARCH_NAME,),
    ),
    Case(
        "automation:search-delete",
        "confirm",
        X_ONLY,
        args=pk("saved_search"),
        secrets=(SEARCH_NAME,),
    ),
    Case("automation:search-delete", "X's search", X_ACTS, pk("saved_search"), "post"),
    Case("automation:search-send", "X's search", X_ACTS, pk("saved_search"), "post"),
    # The method is refused before the search is looked up: nothing of it is shown.
    Case("automation:search-send", "GET", POST_ONLY_FOR_FREELANCERS, args=pk("saved_search")),
    # The e-mail's signed link: no login, whoever opens it (the token is the proof).
    Case(
        "automation:unsubscribe",
        "X's link, confirm",
        PUBLIC,
        args=lambda w: [w.unsubscribe_token],
        by_link=True,
    ),
    Case(
        "automation:unsubscribe",
        "X's link",
        PUBLIC,
        args=lambda w: [w.unsubscribe_token],
        method="post",
        by_link=True,
    ),
    Case("automation:unsubscribe", "forged link", NOT_FOUND, args=lambda w: ["1:forged"]),
]

"""learning: the learning path, its settings, enrolments and their progress."""

from ..matrix import (
    DASHBOARD,
    FREELANCERS,
    FREELANCERS_ACT,
    LOGIN,
    POST_ONLY_FOR_FREELANCERS,
    X_ACTS,
    Case,
    pk,
    roles,
)

CASES: list[Case] = [
    Case("learning:path", "own path", FREELANCERS),
    Case("learning:refresh", "own plan", FREELANCERS_ACT, method="post"),
    Case("learning:refresh", "GET", POST_ONLY_FOR_FREELANCERS),
    Case(
        "learning:settings",
        "nothing chosen",
        roles(LOGIN, 400, 400, 404, 404, DASHBOARD),
        method="post",
    ),
    Case(
        "learning:settings",
        "free courses, any level",
        FREELANCERS_ACT,
        method="post",
        data={"free_only": "on", "level": "any"},
    ),
    Case("learning:settings", "GET", POST_ONLY_FOR_FREELANCERS),
    Case("learning:enrol", "a listed course", FREELANCERS_ACT, pk("course"), "post"),
    Case("learning:enrol", "GET", POST_ONLY_FOR_FREELANCERS, args=pk("course")),
    Case(
        "learning:progress",
        "X's enrolment, half way",
        X_ACTS,
        args=lambda w: [w.enrollment.pk],
        method="post",
        data={"e{enrollment}-progress": "50"},  # each enrolment's form has its own prefix
    ),
    Case(
        "learning:progress",
        "GET",
        POST_ONLY_FOR_FREELANCERS,
        args=pk("enrollment"),
    ),
    Case("learning:complete", "X's enrolment", X_ACTS, pk("enrollment"), "post"),
    Case("learning:complete", "GET", POST_ONLY_FOR_FREELANCERS, args=pk("enrollment")),
]

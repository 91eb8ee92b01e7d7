"""Every URL of the site, as every role: who gets the page, who gets a 404, who logs in.

One world (tests/permissions/world.py: employers A and B, freelancers X and Y, staff, a visitor)
and one table, a module per app under tests/permissions/cases/. A named URL missing from the
table fails `test_every_url_is_in_the_matrix`, so a new page cannot skip its permission check;
the API's operations have theirs in tests/api (tests/api/test_matrix_complete.py).
Somebody else's object answers 404, and the 404 never carries the object's private text.
"""

import pytest

from tests.api.test_matrix_complete import _rows as api_rows

from .cases import (
    accounts,
    admin,
    automation,
    billing,
    contracts,
    drafting,
    insights,
    learning,
    matching,
    privacy,
    projects,
    site,
)
from .matrix import Case, body_of, check_case, request_as, url_names
from .world import ALL_PRIVATE, ROLES, cast_build

CASES: list[Case] = [
    *projects.CASES,
    *contracts.CASES,
    *accounts.CASES,
    *matching.CASES,
    *insights.CASES,
    *learning.CASES,
    *drafting.CASES,
    *automation.CASES,
    *billing.CASES,
    *privacy.CASES,
    *site.CASES,
    *admin.CASES,
]

WORLD_CASES = [case for case in CASES if not case.cast_only]
SITE_CASES = [case for case in CASES if case.cast_only]
# The health probes: public, the same for everyone, no one's data. /health/ pings a real
# Celery worker when there is a broker, so it is tested where one runs: tests/marketplace/
# test_health.py and tests/ops/test_health.py (anonymous, signed in makes no difference);
# the load balancer's /health/node/ is tested beside it.
TESTED_ELSEWHERE = {"health", "health-node"}


def test_every_url_is_in_the_matrix():
    names = url_names()
    covered = (
        {case.name for case in CASES} | {name for name, _method in api_rows()} | TESTED_ELSEWHERE
    )
    assert len(names) > 300  # the walk found the site (and its admin), not an empty list
    missing = sorted(names - covered - admin.object_url_names())
    assert not missing, f"Add these URLs to the permission matrix: {missing}"
    named = {case.name for case in CASES if not case.path}
    assert not named - names, f"The matrix names URLs that no longer exist: {named - names}"


def test_somebody_elses_object_is_a_404_never_a_403():
    """A 403 would say the object exists. Only the admin's log-in answers 403 (allauth's guard
    for a signed-in person without staff status), and the admin's read-only models' add forms."""
    forbidden = [
        case.id
        for case in CASES
        if 403 in case.expect.values() and not case.name.startswith("admin:")
    ]
    assert not forbidden


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", WORLD_CASES, ids=lambda case: case.id)
def test_url_answers_each_role_as_documented(world, client, case, role):
    check_case(client, world, case, role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", SITE_CASES, ids=lambda case: case.id)
def test_site_page_answers_each_role_as_documented(db, client, case, role):
    """Pages that show nobody's objects (the landing page, log-in, the admin...): five people."""
    check_case(client, cast_build(), case, role)


@pytest.mark.parametrize("role", ["Y", "B"])
def test_no_private_text_reaches_another_freelancer_or_employer_anywhere(client, world, role):
    """Over every GET page the other freelancer and employer can open: none of A-X's secrets."""
    leaks = []
    for case in CASES:
        if case.method != "get" or case.expect[role] != 200 or case.by_link:
            continue
        body = body_of(request_as(client, world, case, role))
        leaks += [(case.id, secret) for secret in ALL_PRIVATE if secret in body]
    assert not leaks

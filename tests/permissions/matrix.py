"""The shared part of the matrix: a Case row, what each role gets, and how a case is run.

A Case names a URL, what it is about, and for each role what that role gets: a status code, or
LOGIN (302 to the log-in page with ?next=), DASHBOARD (302 to the dashboard: `role_required`
sends staff, who have no role, there), REDIRECT (302 elsewhere: the action was taken, or refused
with a message), ADMIN_LOGIN (302 to the admin's log-in, which sends on to allauth's).
`secrets` are private text planted in the world (tests/permissions/world.py): the roles in
`hidden_from` (by default those answered 404) must not see them, and a role answered 200 must,
so the check can fail.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import staff_mfa_login

from .world import ALL_PRIVATE, HEADLINE, HOURLY_TITLE, ROLES, World

LOGIN = "login"
DASHBOARD = "dashboard"
REDIRECT = "redirect"
ADMIN_LOGIN = "admin-login"
TO_LOGIN = "to-login"  # 302 to the log-in page, with or without ?next= (allauth's own stages)


def roles(anonymous, x, y, a, b, staff) -> dict[str, Any]:
    return dict(zip(ROLES, (anonymous, x, y, a, b, staff), strict=True))


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


PUBLIC = roles(200, 200, 200, 200, 200, 200)
NOT_FOUND = roles(404, 404, 404, 404, 404, 404)
LOGGED_IN = roles(LOGIN, 200, 200, 200, 200, 200)
FREELANCERS = roles(LOGIN, 200, 200, 404, 404, DASHBOARD)
EMPLOYERS = roles(LOGIN, 404, 404, 200, 200, DASHBOARD)
X_ONLY = roles(LOGIN, 200, 404, 404, 404, DASHBOARD)  # X's own object, a freelancer page
X_ACTS = with_(X_ONLY, X=REDIRECT)
A_ONLY = roles(LOGIN, 404, 404, 200, 404, DASHBOARD)  # A's own object, an employer page
A_ACTS = with_(A_ONLY, A=REDIRECT)
PARTIES = roles(LOGIN, 200, 404, 200, 404, 404)  # the two parties; staff are not one
PARTIES_AND_STAFF = roles(LOGIN, 200, 404, 200, 404, 200)  # staff may look, read-only
CONTRACT_EMPLOYER = roles(LOGIN, 404, 404, 200, 404, 404)  # acting as the contract's employer
CONTRACT_FREELANCER = roles(LOGIN, 200, 404, 404, 404, 404)
POST_ONLY_FOR_ANY = roles(LOGIN, 405, 405, 405, 405, 405)
POST_ONLY_FOR_FREELANCERS = roles(LOGIN, 405, 405, 404, 404, DASHBOARD)
POST_ONLY_FOR_EMPLOYERS = roles(LOGIN, 404, 404, 405, 405, DASHBOARD)
FREELANCERS_ACT = roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD)
NO_FREELANCER = roles(LOGIN, 404, 404, 404, 404, DASHBOARD)  # A's draft, as a freelancer page
X_ACTS_ON_CONTRACT = roles(LOGIN, REDIRECT, 404, 404, 404, 404)  # staff are not a party
A_ACTS_ON_CONTRACT = roles(LOGIN, 404, 404, REDIRECT, 404, 404)
X_ON_CONTRACT = roles(LOGIN, 200, 404, 404, 404, 404)
ALL_REDIRECTED = roles(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT)


def pk(attribute: str) -> Callable[[World], list]:
    """The URL's one argument: the pk of the world's `attribute` ("invoice" → world.invoice.pk)."""
    return lambda w: [getattr(w, attribute).pk]


@dataclass(frozen=True)
class Case:
    name: str  # the URL name, "namespace:name" (or a bare name: "landing")
    label: str  # what this case is about, for the test id
    expect: dict[str, Any]
    args: Callable[[World], list] = lambda w: []
    method: str = "get"
    query: str = ""
    data: dict = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    # Roles that must not see the secrets; by default, those that get a 404.
    hidden_from: tuple[str, ...] | None = None
    # Only the five people are needed (no projects, contracts...): a much cheaper world.
    cast_only: bool = False
    # Staff sign in with their second factor, as the admin asks (marketplace/admin_access.py).
    staff_mfa: bool = False
    path: str = ""  # a URL with no name (favicon.ico): the path itself
    # A signed link (unsubscribe): whoever holds it is shown what it names, by design.
    by_link: bool = False

    def __post_init__(self) -> None:
        assert set(self.expect) == set(ROLES), f"{self.id}: expect every role"

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name} ({self.label})"

    def secret_roles(self) -> tuple[str, ...]:
        if self.hidden_from is not None:
            return self.hidden_from
        return tuple(role for role, expected in self.expect.items() if expected == 404)


def _fill(template: str, world: World) -> str:
    """Put the world's ids into a query string: {draft} → the draft project's pk."""
    if "{" not in template:
        return template
    ids = {
        "open_public": world.open_public.pk,
        "draft": world.draft.pk,
        "message": world.message.pk,
        "X": world.X.pk,
        "enrollment": world.enrollment.pk,
        # The week of X's open entry: a past week, since the current one may not have begun.
        "time_entry_week": world.time_entry.timesheet.week_start.isoformat(),
    }
    return template.format(**ids)


def request_as(client, world: World, case: Case, role: str):
    user = world.user(role)
    if user is not None:
        if case.staff_mfa and user.is_staff:
            staff_mfa_login(client, user)
        else:
            client.force_login(user)
    url = case.path or reverse(case.name, args=case.args(world))
    if case.query:
        url = f"{url}?{_fill(case.query, world)}"
    if case.method == "post":
        data = {_fill(key, world): _fill(str(value), world) for key, value in case.data.items()}
        return client.post(url, data)
    return client.get(url)


def body_of(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def assert_answer(response, expected, *, label: str) -> None:
    label = f"{label}: {response.status_code} {response.get('Location', '')}"
    assert response.status_code < 500, label
    if expected == LOGIN:
        assert response.status_code == 302, label
        assert response.url.startswith(f"{reverse('account_login')}?next="), label
    elif expected == DASHBOARD:
        assert response.status_code == 302, label
        assert response.url == reverse("projects:dashboard"), label
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, label
        assert response.url.startswith(f"{reverse('admin:login')}?next="), label
    elif expected == TO_LOGIN:
        assert response.status_code == 302, label
        assert response.url.startswith(reverse("account_login")), label
    elif expected == REDIRECT:
        assert response.status_code == 302, label
        assert not response.url.startswith(reverse("account_login")), label
    else:
        assert response.status_code == expected, label


def check_case(client, world: World, case: Case, role: str) -> None:
    """Run one case as one role: the answer, and who sees (and must see) its private text."""
    label = f"{case.id} as {role}"
    response = request_as(client, world, case, role)
    assert_answer(response, case.expect[role], label=label)
    body = body_of(response)
    if response.status_code == 404:
        # Somebody else's object answers 404, and the 404 never carries its private text.
        private = (*ALL_PRIVATE, HEADLINE, HOURLY_TITLE, *case.secrets)
        leaked = [secret for secret in private if secret in body]
        assert not leaked, f"{label}: the 404 shows {leaked}"
        assert "PK\x03\x04" not in body, f"{label}: the 404 is a ZIP"
    if role in case.secret_roles():
        for secret in case.secrets:
            assert secret not in body, f"{label} shows {secret!r}"
    elif case.secrets and response.status_code == 200:
        # The secret is real: those allowed to see the page do see it (or the check proves nothing).
        assert any(secret in body for secret in case.secrets), f"{label} lacks its private text"


def url_names() -> set[str]:
    """Every named URL of the site: "namespace:name", or the bare name outside a namespace."""
    names: set[str] = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, (namespace, pattern.namespace)))
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "")
    return names

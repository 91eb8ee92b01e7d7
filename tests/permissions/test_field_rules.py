"""Field-level rules, on pages and in the API, with planted values that must (not) show.

- A freelancer never sees another's bid or cover letter: Y never sees X's bid of 987.65 (the
  project page, proposal lists, the API's project and proposal endpoints, talent pages).
- An employer sees a freelancer's bid only on their own project: A sees X's, on A's project.
- An employer never sees a freelancer's private rate settings: X shows the hourly rate (87.43)
  to clients only (A, not B), and the minimum rate (71.29) to nobody (the talent profile, the
  search, suggested talent, the API's talent and me endpoints).

Every rule names a `marker` that proves the page shows what the rule is about (X, or the
project), and the roles allowed to see a value are checked to see it, so no rule passes on an
empty page.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts.models import FieldVisibility

from .matrix import body_of
from .world import BID, COVER_LETTER, MIN_RATE, OPEN_TITLE, RATE, SKILL_NAME, World


@dataclass(frozen=True)
class Rule:
    name: str
    role: str
    shown: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    args: str = ""  # an attribute of the world whose pk is the URL's argument
    query: str = ""
    marker: str = "X"  # "X": X's display name must be on the page; else this text

    @property
    def id(self) -> str:
        return f"{self.name}{'?' + self.query if self.query else ''} as {self.role}"


NO_BID = (BID, COVER_LETTER)
NO_RATE = (RATE, MIN_RATE)
BID_RULES = [
    *(Rule("projects:project-detail", role, hidden=NO_BID, args="open_public", marker=OPEN_TITLE)
      for role in ("anonymous", "Y", "B", "A")),
    Rule("projects:project-proposals", "A", shown=NO_BID, args="open_public"),
    Rule("projects:project-proposals", "B", hidden=NO_BID, args="b_project",
         marker="Open project of employer B"),
    Rule("projects:proposal-detail", "A", shown=NO_BID, args="proposal"),
    Rule("projects:my-proposals", "X", shown=(BID,), marker=OPEN_TITLE),
    Rule("projects:my-proposals", "Y", hidden=NO_BID, marker="Hidden by staff"),
    Rule("matching:proposals-by-match", "A", shown=(BID,), args="open_public"),
    *(Rule("projects:freelancer-profile", role, hidden=NO_BID, args="X") for role in ("Y", "B")),
    Rule("projects:talent-search", "B", hidden=NO_BID, query=f"skill={SKILL_NAME}"),
    Rule("api:project-detail", "Y", hidden=NO_BID, args="open_public", marker=OPEN_TITLE),
    Rule("api:project-list", "Y", hidden=NO_BID, marker=OPEN_TITLE),
    Rule("api:project-proposals", "A", shown=NO_BID, args="open_public"),
    Rule("api:proposal-detail", "A", shown=NO_BID, args="proposal", marker=OPEN_TITLE),
    Rule("api:proposal-list", "X", shown=NO_BID, marker=OPEN_TITLE),
    Rule("api:proposal-list", "Y", hidden=NO_BID, marker="Hidden by staff"),
    Rule("api:freelancer-detail", "Y", hidden=NO_BID, args="X"),
]  # fmt: skip
RATE_RULES = [
    Rule("projects:freelancer-profile", "A", shown=(RATE,), hidden=(MIN_RATE,), args="X"),
    Rule("projects:freelancer-profile", "staff", shown=(RATE,), args="X"),
    *(Rule("projects:freelancer-profile", role, hidden=NO_RATE, args="X") for role in ("Y", "B")),
    Rule("projects:talent-search", "A", shown=(RATE,), hidden=(MIN_RATE,),
         query=f"skill={SKILL_NAME}"),
    Rule("projects:talent-search", "B", hidden=NO_RATE, query=f"skill={SKILL_NAME}"),
    Rule("matching:suggested-talent", "B", hidden=NO_RATE, args="b_project"),
    Rule("projects:onboarding-preferences", "X", shown=(MIN_RATE,), marker=""),
    Rule("api:freelancer-detail", "A", shown=(RATE,), hidden=(MIN_RATE,), args="X"),
    Rule("api:freelancer-detail", "B", hidden=NO_RATE, args="X"),
    Rule("api:freelancer-list", "A", shown=(RATE,), hidden=(MIN_RATE,),
         query=f"skill={SKILL_NAME}"),
    Rule("api:freelancer-list", "B", hidden=NO_RATE, query=f"skill={SKILL_NAME}"),
    Rule("api:project-matches", "B", hidden=NO_RATE, args="b_project"),
    Rule("api:me-freelancer-profile", "X", shown=(RATE, MIN_RATE), marker=""),
    Rule("api:me", "B", hidden=NO_RATE, marker=""),
]  # fmt: skip


def _get(client, world: World, rule: Rule):
    user = world.user(rule.role)
    if user is not None:
        client.force_login(user)
    args = [getattr(world, rule.args).pk] if rule.args else []
    url = reverse(rule.name, args=args)
    return client.get(f"{url}?{rule.query}" if rule.query else url)


@pytest.mark.parametrize("rule", BID_RULES + RATE_RULES, ids=lambda rule: rule.id)
def test_a_field_shows_only_to_whom_it_may(client, world, rule):
    response = _get(client, world, rule)
    assert response.status_code == 200, rule.id
    body = body_of(response)
    marker = world.X.display_name if rule.marker == "X" else rule.marker
    assert marker in body, f"{rule.id}: the page does not show what the rule is about"
    for value in rule.shown:
        assert value in body, f"{rule.id}: {value!r} should be shown"
    for value in rule.hidden:
        assert value not in body, f"{rule.id}: {value!r} leaks"


def test_the_api_says_null_for_a_rate_hidden_from_the_caller(client, world):
    url = reverse("api:freelancer-detail", args=[world.X.pk])
    client.force_login(world.B)
    hidden = client.get(url).json()
    client.force_login(world.A)
    shown = client.get(url).json()
    assert hidden["hourly_rate"] is None
    assert shown["hourly_rate"] == RATE
    assert "min_rate" not in hidden
    assert "min_rate" not in shown
    assert "rate_visibility" not in shown


@pytest.mark.parametrize(
    ("name", "attribute"),
    [
        ("projects:freelancer-profile", "X"),
        ("projects:project-proposals", "open_public"),
        ("projects:proposal-detail", "proposal"),
        ("projects:proposal-hire", "proposal"),
        ("matching:proposals-by-match", "open_public"),
        ("matching:suggested-talent", "open_public"),
        ("projects:contract-detail", "contract"),
        ("api:freelancer-detail", "X"),
        ("api:project-proposals", "open_public"),
        ("api:proposal-detail", "proposal"),
        ("api:project-matches", "open_public"),
    ],
)
def test_a_rate_shown_to_nobody_is_hidden_from_clients_too(client, world, name, attribute):
    """X's rate for "only me": A, whom X proposed to and works for, no longer sees it either
    (X's own bid is another figure, which A does see)."""
    profile = world.X.freelancer_profile
    profile.rate_visibility = FieldVisibility.NOBODY
    profile.save(update_fields=["rate_visibility"])
    client.force_login(world.A)
    response = client.get(reverse(name, args=[getattr(world, attribute).pk]))
    assert response.status_code == 200
    assert RATE not in body_of(response)

"""Endpoint by role: one table row per operation, checked for every member of a fixed cast.

The cast (``World``) is the same for every row: an ``employer`` who owns an open project with a
proposal from ``freelancer``, a draft project, and a contract between the two (with a milestone,
a message thread and a notification each); ``other_employer`` and ``other_freelancer`` who have
nothing to do with any of it; ``staff``; and ``anonymous``. A row says what each of them gets:

    Row("api:project-detail", "get", {"pk": "project"}, codes(200, other_employer=404))

``kwargs`` values name attributes of the world (``"project"`` → ``world.project.pk``);
``body`` is a dict or a function of the world. Each (row, role) runs on a fresh world, so a row
that changes state (publish, withdraw) is checked from the same starting point for everyone.
``tests/api/test_matrix_complete.py`` fails when an API operation has no row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import FieldVisibility
from projects.models import Contract, Job, Milestone, Project, Proposal
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    MessageFactory,
    MilestoneFactory,
    NotificationFactory,
    ProjectFactory,
    ProjectSkillFactory,
    ProposalFactory,
    StaffFactory,
    ThreadFactory,
)
from tests.projects.factories import SkillFactory

ROLES = ("anonymous", "employer", "freelancer", "other_employer", "other_freelancer", "staff")
# Field-level rules every row checks (tests/permissions/test_field_rules.py has them by page):
# the freelancer's bid and cover letter reach only the project's owner (and the freelancer); the
# freelancer's minimum rate reaches nobody else, and the hourly rate (shown to clients only)
# never reaches an employer who is not one.
BID = "1987.65"
COVER_LETTER = "Cover letter for the owner only: I can start on Monday"
RATE = "87.43"
MIN_RATE = "71.29"
NOT_FOR = {
    "anonymous": (BID, COVER_LETTER, RATE, MIN_RATE),
    "other_employer": (BID, COVER_LETTER, RATE, MIN_RATE),
    "other_freelancer": (BID, COVER_LETTER, RATE, MIN_RATE),
    "employer": (MIN_RATE,),
}


@dataclass
class World:
    employer: Any
    freelancer: Any
    other_employer: Any
    other_freelancer: Any
    staff: Any
    project: Project  # open, owned by employer
    draft: Project  # draft, owned by employer
    proposal: Proposal  # freelancer's, on project
    invite: Any  # employer invited other_freelancer to project
    contract: Contract  # employer hired freelancer (on its own in-progress project)
    milestone: Milestone  # on contract, not yet funded
    thread: Any  # about the contract, one message from the employer
    notification: Any  # freelancer's
    employer_notification: Any
    skill: Any  # Django, in the taxonomy; project requires it
    job: Any  # freelancer's background job
    extra: dict = field(default_factory=dict)

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


def world_build() -> World:
    employer, freelancer = EmployerFactory(), FreelancerFactory()
    profile = freelancer.freelancer_profile
    profile.hourly_rate, profile.min_rate = Decimal(RATE), Decimal(MIN_RATE)
    profile.rate_visibility = FieldVisibility.CLIENTS
    profile.save()
    skill = SkillFactory(name="Django")
    project = ProjectFactory(employer=employer)
    ProjectSkillFactory(project=project, skill=skill, free_text="")
    draft = ProjectFactory(employer=employer, status=Project.Status.DRAFT, published_at=None)
    ProjectSkillFactory(project=draft, free_text="Django")
    contract = ContractFactory(
        project=ProjectFactory(employer=employer, status=Project.Status.IN_PROGRESS),
        freelancer=freelancer,
    )
    thread = ThreadFactory(project=contract.project, employer=employer, freelancer=freelancer)
    thread.contract = contract
    thread.save(update_fields=["contract"])
    other_freelancer = FreelancerFactory()
    world = World(
        employer=employer,
        freelancer=freelancer,
        other_employer=EmployerFactory(),
        other_freelancer=other_freelancer,
        staff=StaffFactory(),
        project=project,
        draft=draft,
        proposal=ProposalFactory(
            project=project,
            freelancer=freelancer,
            bid_amount=Decimal(BID),
            cover_letter=COVER_LETTER,
        ),
        invite=InviteFactory(project=project, freelancer=other_freelancer),
        contract=contract,
        milestone=MilestoneFactory(contract=contract, amount=Decimal("500.00")),
        thread=thread,
        notification=NotificationFactory(user=freelancer),
        employer_notification=NotificationFactory(user=employer),
        skill=skill,
        job=Job.objects.create(user=freelancer, kind="test.pdfs", title="Invoices as PDF"),
    )
    MessageFactory(thread=thread, sender=employer, created_at=timezone.now())
    return world


def codes(default: int | None = None, **by_role: int) -> dict[str, int]:
    """Expected status per role: ``codes(200, anonymous=401)`` is 200 for all but anonymous."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"not roles: {unknown}"
    if default is None:
        return by_role
    return {role: by_role.get(role, default) for role in ROLES}


@dataclass
class Row:
    url_name: str
    method: str
    kwargs: dict[str, str] = field(default_factory=dict)
    expect: dict[str, int] = field(default_factory=dict)
    body: dict | Callable[[World], dict] | None = None
    query: dict | None = None

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        assert not missing, f"{self.url_name} {self.method}: no expectation for {missing}"

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}"


def matrix_params(rows: list[Row]):
    """pytest parameters: one per (row, role), with readable ids."""
    return [pytest.param(row, role, id=f"{row.id} as {role}") for row in rows for role in ROLES]


def matrix_check(row: Row, role: str, client_for, anon_client) -> None:
    world = world_build()
    user = world.user(role)
    client = client_for(user) if user else anon_client
    kwargs = {name: getattr(world, attr).pk for name, attr in row.kwargs.items()}
    body = row.body(world) if callable(row.body) else row.body
    url = reverse(row.url_name, kwargs=kwargs)
    call = getattr(client, row.method)
    response = call(url, body, format="json") if body is not None else call(url, row.query)
    expected = row.expect[role]
    assert response.status_code == expected, (
        f"{row.id} as {role}: {response.status_code}, expected {expected}: "
        f"{response.content[:300]!r}"
    )
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "code", "fields"}
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    shown = raw.decode(errors="replace")
    leaked = [value for value in NOT_FOR.get(role, ()) if value in shown]
    assert not leaked, f"{row.id} as {role} shows {leaked}"
    if response.status_code == 404:
        # Somebody else's object answers 404 and never shows its data.
        text = response.content.decode()
        assert world.project.title not in text
        assert world.contract.title not in text

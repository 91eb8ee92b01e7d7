"""Every drafting URL, as every role: a draft is its freelancer's alone; others get a 404."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from drafting.models import ProposalDraft
from drafting.services import proposal_draft_create
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory
from tests.matching.helpers import open_project
from tests.projects.factories import SkillFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "freelancer", "other_freelancer", "employer", "other_employer", "staff")
LOGIN, DASHBOARD, OWN = "login", "dashboard", "own"  # redirects: to log in, to the dashboard


def _roles(anonymous, freelancer, other_freelancer, employer, other_employer, staff) -> dict:
    values = (anonymous, freelancer, other_freelancer, employer, other_employer, staff)
    return dict(zip(ROLES, values, strict=True))


@dataclass
class Case:
    url_name: str
    method: str
    args: str  # "project", "draft" or ""
    expect: dict


CASES = [
    Case("drafting:draft-create", "post", "project", _roles(LOGIN, 302, 302, 404, 404, DASHBOARD)),
    Case("drafting:draft-create", "get", "project", _roles(LOGIN, 405, 405, 404, 404, DASHBOARD)),
    Case("drafting:draft-list", "get", "", _roles(LOGIN, 200, 200, 404, 404, DASHBOARD)),
    Case("drafting:redraft", "post", "", _roles(LOGIN, 302, 302, 404, 404, DASHBOARD)),
    Case("drafting:draft-detail", "get", "draft", _roles(LOGIN, 200, 404, 404, 404, DASHBOARD)),
    Case("drafting:draft-update", "post", "draft", _roles(LOGIN, 302, 404, 404, 404, DASHBOARD)),
    Case(
        "drafting:draft-regenerate", "post", "draft", _roles(LOGIN, 302, 404, 404, 404, DASHBOARD)
    ),
    Case("drafting:draft-delete", "get", "draft", _roles(LOGIN, 200, 404, 404, 404, DASHBOARD)),
    Case("drafting:draft-delete", "post", "draft", _roles(LOGIN, 302, 404, 404, 404, DASHBOARD)),
]


@pytest.fixture
def world(no_encoder):
    SkillFactory(name="Django")
    employer = EmployerFactory()
    project = open_project(
        title="Secret clinic platform", description="Django.", skills=["Django"], employer=employer
    )
    freelancer = FreelancerFactory()
    draft, _ = proposal_draft_create(freelancer=freelancer, project=project)
    ProposalDraft.objects.filter(pk=draft.pk).update(text="A very private letter about clinics.")
    return {
        "anonymous": None,
        "freelancer": freelancer,
        "other_freelancer": FreelancerFactory(),
        "employer": employer,
        "other_employer": EmployerFactory(),
        "staff": StaffFactory(),
        "project": project,
        "draft": draft,
    }


@pytest.mark.parametrize(
    ("case", "role"),
    [pytest.param(c, r, id=f"{c.method} {c.url_name} as {r}") for c in CASES for r in ROLES],
)
def test_drafting_urls_by_role(case, role, world, client):
    if world[role] is not None:
        client.force_login(world[role])
    args = [world[case.args].pk] if case.args else []
    url = reverse(case.url_name, args=args)
    body = {"cover_letter": "Edited by me."} if case.url_name.endswith("update") else {}
    response = getattr(client, case.method)(url, body)
    expected = case.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == DASHBOARD:
        assert response.status_code == 302
        assert response["Location"] == reverse("projects:dashboard")
    else:
        assert response.status_code == expected, response.content[:300]
    if expected == 404:
        assert b"A very private letter" not in response.content
    if role != "freelancer":
        # Nobody but its freelancer changes or deletes the draft.
        draft = ProposalDraft.objects.get(pk=world["draft"].pk)
        assert draft.text == "A very private letter about clinics."


def test_another_freelancer_drafting_the_same_project_gets_their_own_draft(world, client):
    client.force_login(world["other_freelancer"])
    client.post(reverse("drafting:draft-create", args=[world["project"].pk]))
    drafts = ProposalDraft.objects.filter(project=world["project"])
    assert {d.freelancer for d in drafts} == {world["freelancer"], world["other_freelancer"]}

"""The project pages for every role, the posting form's errors, and the owner's actions."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Invite, Project, Proposal
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    ProjectFactory,
    ProjectSkillFactory,
    ProposalFactory,
    StaffFactory,
)

ROLES = ["anonymous", "freelancer", "owner", "other_employer", "staff"]


@pytest.fixture
def owner(db):
    return EmployerFactory()


@pytest.fixture
def as_role(client, owner):
    def login(role):
        user = {
            "anonymous": None,
            "freelancer": FreelancerFactory,
            "owner": lambda: owner,
            "other_employer": EmployerFactory,
            "staff": StaffFactory,
        }[role]
        if user is not None:
            client.force_login(user())
        return client

    return login


def form_data(**overrides):
    data = {
        "title": "Booking site for a dental clinic",
        "description": "Online booking with reminders.",
        "required_skills": "postgres, Django",
        "nice_skills": "Underwater basket weaving",
        "budget_type": "fixed",
        "budget_min": "1000",
        "budget_max": "2500",
        "currency": "EUR",
        "experience_level": "expert",
        "duration_weeks": "6",
        "hours_per_week": "",
        "region": "europe_africa",
        "languages": ["en", "de"],
        "visibility": "public",
        "screening_questions": "Which booking systems have you built?\n\nHow do you test?",
        "next": "save",
    }
    return {**data, **overrides}


def outcome(response) -> str:
    if response.status_code == 302:
        return "login" if "/accounts/login/" in response.url else "redirect"
    return str(response.status_code)


# --- Role matrix --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "expected"),
    list(zip(ROLES, ["200", "200", "200", "200", "200"], strict=True)),
)
def test_browse_is_open_to_everyone(as_role, role, expected):
    assert outcome(as_role(role).get(reverse("projects:project-list"))) == expected


@pytest.mark.parametrize("name", ["projects:project-create", "projects:project-mine"])
@pytest.mark.parametrize(
    ("role", "expected"),
    list(zip(ROLES, ["login", "404", "200", "200", "redirect"], strict=True)),
)
def test_employer_pages(as_role, name, role, expected):
    assert outcome(as_role(role).get(reverse(name))) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({}, ["200", "200", "200", "200", "200"]),
        ({"status": Project.Status.DRAFT}, ["404", "404", "200", "404", "200"]),
        ({"visibility": Project.Visibility.INVITE_ONLY}, ["404", "404", "200", "404", "200"]),
        ({"is_hidden": True}, ["404", "404", "200", "404", "200"]),
        ({"status": Project.Status.CLOSED}, ["404", "404", "200", "404", "200"]),
    ],
)
@pytest.mark.parametrize("index", range(len(ROLES)))
def test_project_page_by_role_and_state(as_role, owner, state, expected, index):
    project = ProjectFactory(employer=owner, title="Secret clinic project", **state)
    response = as_role(ROLES[index]).get(reverse("projects:project-detail", args=[project.pk]))
    assert outcome(response) == expected[index]
    if expected[index] == "404":
        assert "Secret clinic project" not in response.content.decode()


@pytest.mark.parametrize(
    "name", ["projects:project-edit", "projects:project-preview", "projects:project-cancel"]
)
@pytest.mark.parametrize(
    ("role", "expected"),
    list(zip(ROLES, ["login", "404", "200", "404", "redirect"], strict=True)),
)
def test_owner_pages_of_a_draft(as_role, owner, name, role, expected):
    project = ProjectFactory(employer=owner, status=Project.Status.DRAFT)
    assert outcome(as_role(role).get(reverse(name, args=[project.pk]))) == expected


@pytest.mark.parametrize("name", ["projects:project-close", "projects:project-cancel"])
@pytest.mark.parametrize(("role", "expected"), [("other_employer", "404"), ("freelancer", "404")])
def test_others_cannot_close_or_cancel(as_role, owner, name, role, expected):
    project = ProjectFactory(employer=owner)
    response = as_role(role).post(reverse(name, args=[project.pk]))
    assert outcome(response) == expected
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN


def test_invited_and_proposing_freelancers_see_an_invite_only_project(client, db):
    project = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)
    url = reverse("projects:project-detail", args=[project.pk])
    invited = InviteFactory(project=project).freelancer
    proposing = ProposalFactory(project=project).freelancer
    for freelancer in (invited, proposing):
        client.force_login(freelancer)
        assert client.get(url).status_code == 200
    client.force_login(FreelancerFactory())
    assert client.get(url).status_code == 404


def test_an_invite_to_a_draft_or_hidden_project_shows_nothing(client, db):
    for state in ({"status": Project.Status.DRAFT}, {"is_hidden": True}):
        invite = InviteFactory(project=ProjectFactory(**state))
        client.force_login(invite.freelancer)
        url = reverse("projects:project-detail", args=[invite.project.pk])
        assert client.get(url).status_code == 404
    assert Invite.objects.count() == 2


# --- Posting ------------------------------------------------------------------------------
def test_employer_posts_previews_and_publishes(client, owner, taxonomy):
    client.force_login(owner)
    response = client.post(reverse("projects:project-create"), form_data(next="preview"))
    project = Project.objects.get()
    assert response.url == reverse("projects:project-preview", args=[project.pk])
    assert project.status == Project.Status.DRAFT
    assert project.currency == "EUR"
    assert project.screening_questions == [
        "Which booking systems have you built?",
        "How do you test?",
    ]

    preview = client.get(response.url)
    page = preview.content.decode()
    assert "This is how freelancers will see your project" in page
    assert "PostgreSQL" in page
    assert "Underwater basket weaving" in page
    assert "kept it as you wrote it" in page  # the notice about free-text skills

    response = client.post(reverse("projects:project-publish", args=[project.pk]))
    assert response.url == reverse("projects:project-detail", args=[project.pk])
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN


def test_publish_straight_from_the_form(client, owner, taxonomy):
    client.force_login(owner)
    response = client.post(reverse("projects:project-create"), form_data(next="publish"))
    project = Project.objects.get()
    assert response.url == reverse("projects:project-detail", args=[project.pk])
    assert project.status == Project.Status.OPEN


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"budget_min": "900", "budget_max": "800"},
            "budget_max",
            "Budget maximum must be at least the minimum.",
        ),
        ({"budget_min": "0"}, "budget_min", "Enter an amount above zero."),
        ({"budget_max": "-20"}, "budget_max", "Enter an amount above zero."),
        (
            {"budget_max": "123456789012"},
            "budget_max",
            "That amount is too large: the most you can enter is 999,999,999.99.",
        ),
        ({"title": ""}, "title", "Give the project a title"),
        ({"description": "  "}, "description", "Describe the work"),
        (
            {"screening_questions": "\n".join(f"Q{n}?" for n in range(6))},
            "screening_questions",
            "Ask at most 5 screening questions; you wrote 6.",
        ),
        (
            {"required_skills": "", "next": "publish"},
            "required_skills",
            "Add at least one required skill before publishing.",
        ),
    ],
)
def test_bad_input_is_explained_next_to_its_field_and_kept(
    client, owner, taxonomy, changes, field, message
):
    client.force_login(owner)
    data = form_data(**changes)
    response = client.post(reverse("projects:project-create"), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert 'value="Booking site for a dental clinic"' in page or field == "title"
    assert 'value="Underwater basket weaving"' in page
    assert not Project.objects.exists()


def test_edit_an_open_project(client, owner, taxonomy):
    project = ProjectFactory(employer=owner, title="Old title")
    ProjectSkillFactory(project=project, free_text="Django")
    client.force_login(owner)
    url = reverse("projects:project-edit", args=[project.pk])
    assert 'value="Old title"' in client.get(url).content.decode()

    response = client.post(url, form_data(title="New title", budget_max="3000"))

    assert response.url == reverse("projects:project-detail", args=[project.pk])
    project.refresh_from_db()
    assert project.title == "New title"
    assert project.budget_max == Decimal("3000")
    assert project.status == Project.Status.OPEN


def test_a_project_in_progress_cannot_be_edited(client, owner):
    project = ProjectFactory(employer=owner, status=Project.Status.IN_PROGRESS, title="Running")
    client.force_login(owner)
    response = client.post(
        reverse("projects:project-edit", args=[project.pk]), form_data(title="Changed")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Running"


# --- Owner actions ------------------------------------------------------------------------
def test_close_asks_then_declines_proposals(client, owner):
    project = ProjectFactory(employer=owner)
    proposal = ProposalFactory(project=project)
    client.force_login(owner)
    url = reverse("projects:project-close", args=[project.pk])

    assert "Close the project" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "Your project is closed" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED


def test_an_invalid_action_shows_why_and_changes_nothing(client, owner):
    project = ProjectFactory(employer=owner, status=Project.Status.IN_PROGRESS)
    client.force_login(owner)
    response = client.post(reverse("projects:project-close", args=[project.pk]), follow=True)
    assert "Only an open project can be closed; this one is in progress." in (
        response.content.decode()
    )
    project.refresh_from_db()
    assert project.status == Project.Status.IN_PROGRESS


def test_owner_buttons_follow_the_state(client, owner):
    client.force_login(owner)
    draft = ProjectFactory(employer=owner, status=Project.Status.DRAFT)
    page = client.get(reverse("projects:project-detail", args=[draft.pk])).content.decode()
    assert reverse("projects:project-publish", args=[draft.pk]) in page
    assert reverse("projects:project-cancel", args=[draft.pk]) in page
    assert reverse("projects:project-close", args=[draft.pk]) not in page

    live = ProjectFactory(employer=owner)
    page = client.get(reverse("projects:project-detail", args=[live.pk])).content.decode()
    assert reverse("projects:project-edit", args=[live.pk]) in page
    assert reverse("projects:project-close", args=[live.pk]) in page
    assert reverse("projects:project-publish", args=[live.pk]) not in page
    assert reverse("projects:project-proposals", args=[live.pk]) in page
    assert reverse("projects:proposal-submit", args=[live.pk]) not in page


def test_freelancer_sees_propose_and_report_links(client, freelancer):
    project = ProjectFactory()
    client.force_login(freelancer)
    page = client.get(reverse("projects:project-detail", args=[project.pk])).content.decode()
    assert reverse("projects:proposal-submit", args=[project.pk]) in page
    assert f"{reverse('projects:report-create')}?target=project&amp;id={project.pk}" in page
    assert reverse("projects:project-edit", args=[project.pk]) not in page


# --- My projects --------------------------------------------------------------------------
def test_my_projects_lists_every_state_with_proposal_counts(client, owner):
    draft = ProjectFactory(employer=owner, status=Project.Status.DRAFT, title="My draft")
    live = ProjectFactory(employer=owner, title="My live one")
    ProposalFactory.create_batch(2, project=live)
    ProposalFactory(project=live, status=Proposal.Status.WITHDRAWN)
    ProjectFactory(title="Somebody else's")
    client.force_login(owner)

    response = client.get(reverse("projects:project-mine"))

    rows = {p.title: p.proposal_count for p in response.context["page"]}
    assert rows == {"My draft": 0, "My live one": 2}
    drafts = client.get(reverse("projects:project-mine"), {"status": "draft"})
    assert [p.pk for p in drafts.context["page"]] == [draft.pk]


def test_my_projects_query_count_is_constant(client, owner, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            ProposalFactory(project=ProjectFactory(employer=owner))

    client.force_login(owner)
    url = reverse("projects:project-mine")
    add(3)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(27)
    # The page's own queries (count, rows with proposal counts, status tabs) plus the layout's.
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"]) == 20


def test_a_new_project_is_budgeted_in_the_currency_the_employer_reads(client, owner):
    owner.employer_profile.currency = "EUR"
    owner.employer_profile.save(update_fields=["currency"])
    client.force_login(owner)
    page = client.get(reverse("projects:project-create")).content.decode()
    assert '<option value="EUR" selected>' in page
    assert '<option value="USD" selected>' not in page

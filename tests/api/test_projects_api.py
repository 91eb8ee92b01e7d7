"""/api/v1/projects/: the public browse, the project page, the employer's posting and lifecycle."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Notification, NotificationKind, Project, Proposal
from projects.services.projects import (
    BUDGET_MAX_BELOW_MIN,
    NOT_EDITABLE,
    SKILL_REQUIRED_TO_PUBLISH,
)
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    ProjectFactory,
    ProjectSkillFactory,
    ProposalFactory,
)
from tests.projects.factories import SkillCategoryFactory, small_taxonomy

NEW_PROJECT = {
    "title": "Clinic booking site",
    "description": "Online booking for three dental clinics, with SMS reminders.",
    "budget_type": "fixed",
    "budget_min": "1500.00",
    "budget_max": "4000.00",
    "duration_weeks": 6,
    "required_skills": ["Django"],
}
EMPLOYERS_ONLY = codes(403, anonymous=401, employer=200, other_employer=200)
OWNER_OF_PUBLIC = codes(403, anonymous=401, employer=200)  # others may see it, not change it
OWNER_OF_DRAFT = codes(403, anonymous=401, employer=200, other_employer=404)

ROWS = [
    Row("api:project-list", "get", expect=codes(200)),
    Row(
        "api:project-list",
        "post",
        body=NEW_PROJECT,
        expect=codes(403, anonymous=401, employer=201, other_employer=201),
    ),
    Row("api:project-mine", "get", expect=EMPLOYERS_ONLY),
    Row("api:project-detail", "get", {"pk": "project"}, expect=codes(200)),
    Row("api:project-detail", "patch", {"pk": "project"}, OWNER_OF_PUBLIC, {"title": "Renamed"}),
    Row("api:project-publish", "post", {"pk": "draft"}, expect=OWNER_OF_DRAFT),
    Row("api:project-close", "post", {"pk": "project"}, expect=OWNER_OF_PUBLIC),
    Row("api:project-cancel", "post", {"pk": "draft"}, expect=OWNER_OF_DRAFT),
]
# The same operations on the other project of the cast: a draft is nobody else's business
# (staff may look, as on the web page); a public project can be seen but not changed.
OTHER_ROWS = [
    Row(
        "api:project-detail",
        "get",
        {"pk": "draft"},
        expect=codes(404, employer=200, staff=200),
    ),
    Row("api:project-detail", "patch", {"pk": "draft"}, OWNER_OF_DRAFT, {"title": "Renamed"}),
    # Publishing an open project: the owner is told why not.
    Row(
        "api:project-publish",
        "post",
        {"pk": "project"},
        expect={**OWNER_OF_PUBLIC, "employer": 400},
    ),
    Row("api:project-close", "post", {"pk": "draft"}, expect={**OWNER_OF_DRAFT, "employer": 400}),
    Row("api:project-cancel", "post", {"pk": "project"}, expect=OWNER_OF_PUBLIC),
    Row("api:project-mine", "get", query={"status": "draft"}, expect=EMPLOYERS_ONLY),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(OTHER_ROWS))
def test_role_matrix_on_the_other_project(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [project["title"] for project in response.json()["results"]]


# --- Posting and publishing ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_posted_and_published_project_is_found_by_anyone_browsing(client_for, anon_client):
    small_taxonomy()
    design = SkillCategoryFactory(name="Web development")
    employer = EmployerFactory()
    client = client_for(employer)
    body = {
        **NEW_PROJECT,
        "category": design.pk,
        "required_skills": ["postgres", "Django", "Clinic scheduling"],
        "nice_skills": ["k8s"],
        "experience_level": "expert",
    }
    created = client.post(reverse("api:project-list"), body)
    assert created.status_code == 201, created.content
    project = created.json()
    assert (project["status"], project["actions"]) == ("draft", ["publish", "cancel"])
    skills = {s["name"]: s for s in project["skills"]}
    # Aliases resolve to the taxonomy; an unknown name is kept as it was written.
    assert set(skills) == {"PostgreSQL", "Django", "Clinic scheduling", "Kubernetes"}
    assert skills["PostgreSQL"]["skill_id"] is not None
    assert skills["Clinic scheduling"]["skill_id"] is None
    assert skills["Kubernetes"]["required"] is False
    browse = reverse("api:project-list")
    assert "Clinic booking site" not in titles(anon_client.get(browse))

    published = client.post(reverse("api:project-publish", args=[project["id"]]))
    assert published.status_code == 200
    assert published.json()["status"] == "open"
    assert published.json()["actions"] == ["close", "cancel"]
    assert titles(anon_client.get(browse)) == ["Clinic booking site"]
    for found in (
        {"skills": "Postgres"},
        {"q": "dental"},
        {"category": design.pk},
        {"experience_level": "expert"},
        {"budget_type": "fixed", "budget_from": "3000"},
        {"skill": skills["Django"]["skill_id"]},
    ):
        assert titles(anon_client.get(browse, found)) == ["Clinic booking site"], found
    for missed in ({"skills": "React"}, {"budget_type": "hourly"}, {"budget_to": "1000"}):
        assert titles(anon_client.get(browse, missed)) == [], missed
    # The web's browse page lists it too.
    assert "Clinic booking site" in anon_client.get(reverse("projects:project-list")).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"category": "design"}, "category"),
        ({"category": "987654"}, "category"),
        ({"budget_type": "barter"}, "budget_type"),
        ({"budget_from": "lots"}, "budget_from"),
        ({"posted": "2"}, "posted"),
        ({"sort": "cheapest"}, "sort"),
        ({"skill": "99999999999999999999"}, "skill"),
        ({"skill": "django"}, "skill"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(anon_client, query, field):
    response = anon_client.get(reverse("api:project-list"), query)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


@pytest.mark.django_db
def test_a_budget_maximum_below_the_minimum_is_refused_with_the_services_words(client_for):
    employer = EmployerFactory()
    body = {**NEW_PROJECT, "budget_min": "5000", "budget_max": "1000"}
    response = client_for(employer).post(reverse("api:project-list"), body)
    assert response.status_code == 400
    assert response.json()["fields"] == {"budget_max": [BUDGET_MAX_BELOW_MIN]}
    assert not Project.objects.filter(employer=employer).exists()


@pytest.mark.django_db
def test_every_bad_field_is_named_at_once(client_for):
    body = {
        "title": "",
        "budget_type": "barter",
        "budget_min": "0",
        "budget_max": "10",
        "duration_weeks": 200,
        "category": 987654,
        "languages": ["xx"],
        "screening_questions": ["Why?"] * 6,
    }
    response = client_for(EmployerFactory()).post(reverse("api:project-list"), body)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {
        "title",
        "description",
        "budget_type",
        "budget_min",
        "duration_weeks",
        "category",
        "languages.0",
        "screening_questions",
    }
    assert response.json()["fields"]["budget_min"] == ["Enter an amount above zero."]


@pytest.mark.django_db
def test_a_draft_without_a_required_skill_cannot_be_published(client_for):
    employer = EmployerFactory()
    client = client_for(employer)
    created = client.post(reverse("api:project-list"), {**NEW_PROJECT, "required_skills": []})
    assert created.status_code == 201
    response = client.post(reverse("api:project-publish", args=[created.json()["id"]]))
    assert response.status_code == 400
    assert response.json()["fields"] == {"required_skills": [SKILL_REQUIRED_TO_PUBLISH]}


@pytest.mark.django_db
def test_a_transition_the_lifecycle_does_not_allow_says_why(client_for):
    project = ProjectFactory()
    response = client_for(project.employer).post(reverse("api:project-publish", args=[project.pk]))
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "non_field_errors": ["Only a draft project can be published; this one is open."]
    }
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN


# --- Editing -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_patch_changes_only_what_it_names(client_for):
    project = ProjectFactory(screening_questions=["Your stack?"])
    ProjectSkillFactory(project=project, free_text="Django")
    response = client_for(project.employer).patch(
        reverse("api:project-detail", args=[project.pk]), {"budget_max": "5000.00"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["budget_max"], body["title"]) == ("5000.00", project.title)
    assert body["screening_questions"] == ["Your stack?"]
    assert [s["name"] for s in body["skills"]] == ["Django"]


@pytest.mark.django_db
def test_an_open_project_keeps_a_required_skill(client_for):
    project = ProjectFactory()
    ProjectSkillFactory(project=project, free_text="Django")
    response = client_for(project.employer).patch(
        reverse("api:project-detail", args=[project.pk]), {"required_skills": []}
    )
    assert response.status_code == 400
    assert response.json()["fields"] == {"required_skills": [SKILL_REQUIRED_TO_PUBLISH]}


@pytest.mark.django_db
def test_a_project_in_progress_cannot_be_edited(client_for):
    project = ProjectFactory(status=Project.Status.IN_PROGRESS)
    response = client_for(project.employer).patch(
        reverse("api:project-detail", args=[project.pk]), {"title": "New title"}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == NOT_EDITABLE.format(status="in progress")
    project.refresh_from_db()
    assert project.title != "New title"


@pytest.mark.django_db
def test_another_employer_is_told_the_public_project_is_not_theirs(client_for):
    project = ProjectFactory()
    response = client_for(EmployerFactory()).patch(
        reverse("api:project-detail", args=[project.pk]), {"title": "Mine now"}
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the project's owner can change it."


# --- What each side sees -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_owner_sees_actions_and_counts_others_see_the_employers_record(client_for, anon_client):
    project = ProjectFactory()
    ProposalFactory(project=project)
    ProposalFactory(project=project, status=Proposal.Status.WITHDRAWN)
    url = reverse("api:project-detail", args=[project.pk])
    owner = client_for(project.employer).get(url).json()
    assert (owner["actions"], owner["editable"]) == (["close", "cancel"], True)
    assert (owner["proposal_count"], owner["unread_proposal_count"]) == (1, 1)
    public = anon_client.get(url).json()
    assert (public["actions"], public["editable"], public["proposal_count"]) == ([], False, None)
    record = public["employer_reputation"]
    assert (record["projects_published"], record["hires"]) == (1, 0)
    assert record["hire_rate_percent"] == 0
    assert public["employer"]["company_name"] == project.employer.employer_profile.company_name


@pytest.mark.django_db
def test_my_projects_lists_every_status_and_filters_by_one(client_for):
    employer = EmployerFactory()
    ProjectFactory(employer=employer, title="Open one")
    ProjectFactory(employer=employer, title="Draft one", status=Project.Status.DRAFT)
    ProjectFactory(title="Somebody else's")
    client = client_for(employer)
    url = reverse("api:project-mine")
    assert sorted(titles(client.get(url))) == ["Draft one", "Open one"]
    assert titles(client.get(url, {"status": "draft"})) == ["Draft one"]
    bad = client.get(url, {"status": "lost"})
    assert bad.status_code == 400
    assert list(bad.json()["fields"]) == ["status"]


@pytest.mark.django_db
def test_closing_declines_the_live_proposals_and_tells_each_freelancer(client_for):
    project = ProjectFactory()
    proposal = ProposalFactory(project=project)
    response = client_for(project.employer).post(reverse("api:project-close", args=[project.pk]))
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert Notification.objects.filter(
        user=proposal.freelancer, kind=NotificationKind.PROJECT_CLOSED
    ).exists()


# --- Constant queries ----------------------------------------------------------------------------


def _queries(client, url, query=None) -> int:
    client.get(url, query)  # the token's first use is recorded once; leave it out of the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(queries)


def _projects(n: int, **kwargs) -> None:
    for _ in range(n):
        project = ProjectFactory(**kwargs)
        ProjectSkillFactory(project=project)
        ProjectSkillFactory(project=project, required=False)


@pytest.mark.django_db
def test_the_browse_list_takes_the_same_queries_for_2_or_6_projects(anon_client):
    url = reverse("api:project-list")
    _projects(2, employer=EmployerFactory())
    few = _queries(anon_client, url, {"skills": "Skill text 1, x"})
    _projects(4)
    assert _queries(anon_client, url, {"skills": "Skill text 1, x"}) == few
    assert _queries(anon_client, url) <= few


@pytest.mark.django_db
def test_my_projects_takes_the_same_queries_for_2_or_6_projects(client_for):
    employer = EmployerFactory()
    client = client_for(employer)
    url = reverse("api:project-mine")
    _projects(2, employer=employer)
    few = _queries(client, url)
    _projects(4, employer=employer, status=Project.Status.DRAFT)
    ProposalFactory(project=Project.objects.filter(employer=employer).first())
    assert _queries(client, url) == few


@pytest.mark.django_db
def test_amounts_are_decimal_strings(client_for):
    employer = EmployerFactory()
    body = {**NEW_PROJECT, "budget_min": "99.5", "budget_max": "100"}
    response = client_for(employer).post(reverse("api:project-list"), body)
    assert response.status_code == 201
    assert (response.json()["budget_min"], response.json()["budget_max"]) == ("99.50", "100.00")
    assert Project.objects.get(employer=employer).budget_min == Decimal("99.50")


@pytest.mark.django_db
def test_freelancers_cannot_post_projects(client_for):
    response = client_for(FreelancerFactory()).post(reverse("api:project-list"), NEW_PROJECT)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only employer accounts can do this."

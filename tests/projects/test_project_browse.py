"""Browsing and searching projects: filters, full-text search, sort, pagination, query count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from projects.services.projects import project_search_vector_refresh
from tests.factories import ProjectFactory, ProjectSkillFactory

URL = reverse("projects:project-list")


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"]]


def test_anonymous_sees_only_visible_projects(client, db):
    shown = ProjectFactory(title="Open and public")
    ProjectFactory(title="A draft", status=Project.Status.DRAFT)
    ProjectFactory(title="Invite only", visibility=Project.Visibility.INVITE_ONLY)
    ProjectFactory(title="Hidden by staff", is_hidden=True)
    ProjectFactory(title="Closed", status=Project.Status.CLOSED)
    ProjectFactory(title="Being worked on", status=Project.Status.IN_PROGRESS)

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == [shown.title]
    assert "1 project" in response.content.decode()


def test_filter_by_skill_names_resolves_aliases_and_matches_any(client, taxonomy):
    django = ProjectFactory(title="Django job")
    ProjectSkillFactory(project=django, skill=taxonomy["django"], free_text="")
    k8s = ProjectFactory(title="Cluster job")
    ProjectSkillFactory(project=k8s, skill=taxonomy["kubernetes"], free_text="", required=False)
    odd = ProjectFactory(title="Odd job")
    ProjectSkillFactory(project=odd, free_text="Basket weaving")
    ProjectFactory(title="Writing job")

    response = client.get(URL, {"skills": "k8s, django, basket WEAVING"})

    assert sorted(titles(response)) == ["Cluster job", "Django job", "Odd job"]


def test_filter_by_skill_id_from_a_badge(client, taxonomy):
    project = ProjectFactory(title="React job")
    ProjectSkillFactory(project=project, skill=taxonomy["react"], free_text="")
    ProjectSkillFactory(project=project, skill=taxonomy["python"], free_text="")
    ProjectFactory(title="Other")

    response = client.get(URL, {"skill": taxonomy["react"].pk})

    assert titles(response) == ["React job"]


def test_filters_category_budget_level_type_and_posted(client, taxonomy):
    category = taxonomy["copywriting"].category
    now = timezone.now()
    ProjectFactory(
        title="Match",
        category=category,
        budget_type="hourly",
        budget_min=Decimal(40),
        budget_max=Decimal(60),
        experience_level="expert",
        published_at=now - dt.timedelta(hours=30),
    )
    ProjectFactory(
        title="Wrong category",
        budget_type="hourly",
        experience_level="expert",
        budget_min=Decimal(40),
        budget_max=Decimal(60),
    )
    ProjectFactory(
        title="Too old",
        category=category,
        budget_type="hourly",
        experience_level="expert",
        budget_min=Decimal(40),
        budget_max=Decimal(60),
        published_at=now - dt.timedelta(days=9),
    )
    ProjectFactory(
        title="Too cheap",
        category=category,
        budget_type="hourly",
        experience_level="expert",
        budget_min=Decimal(10),
        budget_max=Decimal(20),
    )
    ProjectFactory(
        title="Entry level",
        category=category,
        budget_type="hourly",
        experience_level="entry",
        budget_min=Decimal(40),
        budget_max=Decimal(60),
    )
    ProjectFactory(
        title="Fixed price",
        category=category,
        experience_level="expert",
        budget_min=Decimal(40),
        budget_max=Decimal(60),
    )

    response = client.get(
        URL,
        {
            "category": category.pk,
            "budget_type": "hourly",
            "budget_from": "35",
            "budget_to": "100",
            "experience_level": "expert",
            "posted": "7",
        },
    )

    assert titles(response) == ["Match"]
    assert client.get(URL, {"posted": "1"}).context["page"].paginator.count == 4


def test_invalid_filter_values_are_reported_not_a_server_error(client, db):
    ProjectFactory()
    response = client.get(URL, {"budget_from": "lots", "posted": "365"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors


def test_sort_newest_and_best_budget(client, db):
    now = timezone.now()
    ProjectFactory(title="Old rich", budget_max=Decimal(9000), published_at=now - dt.timedelta(3))
    ProjectFactory(title="New poor", budget_max=Decimal(1500), published_at=now)
    ProjectFactory(title="Mid", budget_max=Decimal(5000), published_at=now - dt.timedelta(1))

    assert titles(client.get(URL)) == ["New poor", "Mid", "Old rich"]
    assert titles(client.get(URL, {"sort": "budget"})) == ["Old rich", "Mid", "New poor"]


def test_pagination_twenty_a_page_keeping_filters(client, db):
    for _ in range(45):
        ProjectFactory(budget_type="hourly")
    ProjectFactory(budget_type="fixed")

    first = client.get(URL, {"budget_type": "hourly"})
    third = client.get(URL, {"budget_type": "hourly", "page": 3})

    assert len(first.context["page"]) == 20
    assert len(third.context["page"]) == 5
    assert "budget_type=hourly&amp;page=2" in first.content.decode()


def test_text_search_matches_title_and_description(client, db):
    ProjectFactory(title="Veterinary booking portal", description="Pets and owners.")
    ProjectFactory(title="Shop", description="A shop for a veterinary clinic's supplies.")
    ProjectFactory(title="Logistics dashboard", description="Trucks.")
    for project in Project.objects.all():
        project_search_vector_refresh(project=project)

    response = client.get(URL, {"q": "veterinary"})

    # The title hit ranks first (relevance is the default sort with a query).
    assert titles(response) == ["Veterinary booking portal", "Shop"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="websearch and stemming need PostgreSQL",
)
def test_full_text_search_on_postgresql_stems_ranks_and_reads_skills(client, taxonomy):
    a = ProjectFactory(title="Kubernetes migration", description="Move services to a cluster.")
    b = ProjectFactory(title="Cluster upgrade", description="Upgrade our clusters.")
    ProjectSkillFactory(project=b, skill=taxonomy["kubernetes"], free_text="")
    c = ProjectFactory(title="Copy for a landing page", description="Kubernetes-free writing.")
    for project in Project.objects.all():
        project_search_vector_refresh(project=project)

    # A title hit (weight A) outranks a description hit (B), which outranks a skill hit (C).
    assert titles(client.get(URL, {"q": "kubernetes"})) == [a.title, c.title, b.title]
    excluded = titles(client.get(URL, {"q": "kubernetes -writing"}))
    assert sorted(excluded) == sorted([a.title, b.title])
    assert titles(client.get(URL, {"q": "upgrading clusters"})) == [b.title]
    assert titles(client.get(URL, {"q": '"landing page"'})) == ["Copy for a landing page"]


@pytest.mark.parametrize("login", [False, True])
def test_query_count_stays_constant(client, freelancer, django_assert_num_queries, login):
    def add(n):
        for _ in range(n):
            project = ProjectFactory()
            ProjectSkillFactory(project=project)
            ProjectSkillFactory(project=project, required=False)

    if login:
        client.force_login(freelancer)
    add(3)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"sort": "budget"})
    add(27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL, {"sort": "budget"})
    assert len(response.context["page"]) == 20
    if not login:
        # count, one page of projects (employer, profile, category joined), skills, categories
        assert len(few.captured_queries) == 4

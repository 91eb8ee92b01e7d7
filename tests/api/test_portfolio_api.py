"""/api/v1/me/portfolio/: a freelancer's own pieces of work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.api.portfolio import LINK_INVALID
from projects.models import PortfolioItem
from projects.services.talent import (
    MAX_PORTFOLIO_ITEM_SKILLS,
    MAX_PORTFOLIO_ITEMS,
    PORTFOLIO_FULL,
    PORTFOLIO_TITLE_REQUIRED,
    portfolio_item_create,
)
from tests.api import matrix
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import FreelancerFactory
from tests.projects.factories import SkillFactory, small_taxonomy

FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
OWN_OBJECT = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
WORK = {"title": "Clinic booking", "link": "https://example.com/clinic", "skills": ["Django"]}
MATRIX_ROWS = [
    Row("api:me-portfolio-list", "get", expect=FREELANCERS),
    Row(
        "api:me-portfolio-list",
        "post",
        body=WORK,
        expect=FREELANCERS | {"freelancer": 201, "other_freelancer": 201},
    ),
]
# These name an object the World does not have yet (`portfolio_item`, owned by
# world.freelancer): test_own_item_role_matrix adds it to the world and checks them.
OWN_OBJECT_ROWS = [
    Row("api:me-portfolio-detail", "get", {"pk": "portfolio_item"}, OWN_OBJECT),
    Row(
        "api:me-portfolio-detail",
        "patch",
        {"pk": "portfolio_item"},
        OWN_OBJECT,
        {"title": "Clinic booking, phase 2"},
    ),
    Row(
        "api:me-portfolio-detail",
        "delete",
        {"pk": "portfolio_item"},
        OWN_OBJECT | {"freelancer": 204},
    ),
]
ROWS = MATRIX_ROWS + OWN_OBJECT_ROWS
PORTFOLIO = reverse("api:me-portfolio-list")


def item_url(item) -> str:
    return reverse("api:me-portfolio-detail", args=[item.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(MATRIX_ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(OWN_OBJECT_ROWS))
def test_own_item_role_matrix(row, role, client_for, anon_client, monkeypatch):
    build = matrix.world_build

    def world_with_a_portfolio_item():
        world = build()
        world.portfolio_item = portfolio_item_create(
            profile=world.freelancer.freelancer_profile,
            title="Clinic booking",
            skills=[world.skill],
        )
        return world

    monkeypatch.setattr(matrix, "world_build", world_with_a_portfolio_item)
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
def test_added_work_is_listed_and_shown_on_the_public_profile(freelancer, employer, client_for):
    small_taxonomy()
    client = client_for(freelancer)
    response = client.post(
        PORTFOLIO,
        {
            "title": "Clinic booking",
            "description": "Appointments for a dental clinic.",
            "link": "example.com/clinic",
            "skills": ["postgres", "Django", "PostgreSQL"],
        },
    )
    assert response.status_code == 201
    added = response.json()
    assert added["link"] == "https://example.com/clinic"
    assert added["skills"] == ["Django", "PostgreSQL"]
    assert client.get(PORTFOLIO).json()["results"] == [added]
    assert client.get(item_url(PortfolioItem.objects.get())).json() == added
    public = client_for(employer).get(reverse("api:freelancer-detail", args=[freelancer.pk]))
    assert public.json()["portfolio"] == [added]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        (WORK | {"link": "not a web address"}, "link", LINK_INVALID),
        (WORK | {"link": "javascript:alert(1)"}, "link", LINK_INVALID),
        (WORK | {"link": "https://example.com/" + "a" * 190}, "link", "at most 200 characters"),
        (WORK | {"title": "  "}, "title", PORTFOLIO_TITLE_REQUIRED),
        ({"link": "https://example.com"}, "title", PORTFOLIO_TITLE_REQUIRED),
        (WORK | {"title": "x" * 121}, "title", "at most 120 characters"),
        (WORK | {"skills": ["Djangoo"]}, "skills", "We don't know “Djangoo” as a skill"),
        (
            WORK | {"skills": [f"Skill {n}" for n in range(MAX_PORTFOLIO_ITEM_SKILLS + 1)]},
            "skills",
            f"at most {MAX_PORTFOLIO_ITEM_SKILLS} skills",
        ),
    ],
)
def test_wrong_input_names_the_field_and_why(freelancer, client_for, body, field, says):
    SkillFactory(name="Django")
    response = client_for(freelancer).post(PORTFOLIO, body)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert says in response.json()["fields"][field][0]
    assert not PortfolioItem.objects.exists()


@pytest.mark.django_db
def test_a_full_portfolio_refuses_another_item(freelancer, client_for):
    profile = freelancer.freelancer_profile
    for n in range(MAX_PORTFOLIO_ITEMS):
        portfolio_item_create(profile=profile, title=f"Work {n}")
    response = client_for(freelancer).post(PORTFOLIO, WORK | {"skills": []})
    assert response.status_code == 400
    assert response.json()["fields"] == {"non_field_errors": [PORTFOLIO_FULL]}
    assert PortfolioItem.objects.count() == MAX_PORTFOLIO_ITEMS


@pytest.mark.django_db
def test_changes_keep_what_is_not_sent_and_skills_are_replaced(freelancer, client_for):
    taxonomy = small_taxonomy()
    item = portfolio_item_create(
        profile=freelancer.freelancer_profile,
        title="Clinic booking",
        description="Appointments.",
        link="https://example.com/clinic",
        skills=[taxonomy["django"]],
    )
    client = client_for(freelancer)
    shown = client.patch(item_url(item), {"title": "Clinic booking v2", "skills": ["k8s"]}).json()
    assert (shown["title"], shown["description"], shown["link"], shown["skills"]) == (
        "Clinic booking v2",
        "Appointments.",
        "https://example.com/clinic",
        ["Kubernetes"],
    )
    assert client.patch(item_url(item), {"description": "Bookings."}).json()["skills"] == [
        "Kubernetes"
    ]
    assert client.patch(item_url(item), {"skills": []}).json()["skills"] == []
    item.refresh_from_db()
    assert (item.title, item.description, list(item.skills.all())) == (
        "Clinic booking v2",
        "Bookings.",
        [],
    )


@pytest.mark.django_db
def test_a_bad_change_leaves_the_item_as_it_was(freelancer, client_for):
    item = portfolio_item_create(profile=freelancer.freelancer_profile, title="Clinic booking")
    response = client_for(freelancer).patch(item_url(item), {"title": "New", "link": "nope"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["link"]
    item.refresh_from_db()
    assert item.title == "Clinic booking"


@pytest.mark.django_db
def test_deleted_work_is_gone(freelancer, client_for):
    keep = portfolio_item_create(profile=freelancer.freelancer_profile, title="Keep")
    drop = portfolio_item_create(profile=freelancer.freelancer_profile, title="Drop")
    client = client_for(freelancer)
    assert client.delete(item_url(drop)).status_code == 204
    assert [i["id"] for i in client.get(PORTFOLIO).json()["results"]] == [keep.pk]
    assert client.get(item_url(drop)).status_code == 404


@pytest.mark.django_db
def test_another_freelancers_work_is_not_found_and_stays_as_it_is(freelancer, client_for):
    other = FreelancerFactory().freelancer_profile
    theirs = portfolio_item_create(profile=other, title="Secret client work")
    client = client_for(freelancer)
    for response in (
        client.get(item_url(theirs)),
        client.patch(item_url(theirs), {"title": "Mine now"}),
        client.delete(item_url(theirs)),
    ):
        assert response.status_code == 404
        assert "Secret client work" not in response.content.decode()
    assert PortfolioItem.objects.get().title == "Secret client work"
    assert client.get(PORTFOLIO).json()["results"] == []


@pytest.mark.django_db
def test_portfolio_list_queries_do_not_grow_with_the_list(freelancer, client_for):
    taxonomy = small_taxonomy()
    profile = freelancer.freelancer_profile
    client = client_for(freelancer)

    def add(n):
        for i in range(n):
            skills = [taxonomy["django"], taxonomy["react"]]
            portfolio_item_create(profile=profile, title=f"Work {i}", skills=skills)

    add(2)
    client.get(PORTFOLIO)  # the token's first use records it: not part of the list's cost
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(PORTFOLIO).json()["results"]) == 2
    add(4)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(PORTFOLIO).json()["results"]) == 6
    assert len(many) == len(few)

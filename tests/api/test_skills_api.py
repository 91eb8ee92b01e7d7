"""/api/v1/skills/: the taxonomy, public, searchable by name or alias."""

import pytest
from django.urls import reverse

from tests.api.matrix import ROLES, Row, matrix_check, matrix_params
from tests.projects.factories import SkillAliasFactory, SkillFactory

EVERYONE = dict.fromkeys(ROLES, 200)
ROWS = [
    Row("api:skill-list", "get", query={"q": "djan"}, expect=EVERYONE),
    Row("api:skill-category-list", "get", expect=EVERYONE),
    Row("api:skill-detail", "get", {"pk": "skill"}, expect=EVERYONE),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
def test_an_unknown_skill_is_404(anon_client):
    assert anon_client.get(reverse("api:skill-detail", args=[987654])).status_code == 404


@pytest.mark.django_db
def test_search_finds_a_skill_by_its_alias(anon_client):
    postgres = SkillFactory(name="PostgreSQL")
    SkillAliasFactory(skill=postgres, alias="postgres")
    SkillFactory(name="Photoshop")
    found = anon_client.get(reverse("api:skill-list"), {"q": "Postgres"}).json()["results"]
    assert [s["name"] for s in found] == ["PostgreSQL"]
    assert "postgres" in found[0]["aliases"]


@pytest.mark.django_db
def test_a_category_filter_that_is_not_a_number_is_a_field_error(anon_client):
    response = anon_client.get(reverse("api:skill-list"), {"category": "design"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["category"]

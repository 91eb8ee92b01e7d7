"""/api/v1/me/...: the signed-in account and its own profile."""

import pytest
from django.urls import reverse

from tests.api.matrix import Row, codes, matrix_check, matrix_params

SIGNED_IN = codes(200, anonymous=401)
FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
EMPLOYERS = codes(403, anonymous=401, employer=200, other_employer=200)
ROWS = [
    Row("api:me", "get", expect=SIGNED_IN),
    Row("api:me", "patch", body={"first_name": "Ada"}, expect=SIGNED_IN),
    Row(
        "api:me-freelancer-profile",
        "get",
        expect=FREELANCERS,
    ),
    Row(
        "api:me-freelancer-profile",
        "patch",
        body={"headline": "Django developer"},
        expect=FREELANCERS,
    ),
    Row(
        "api:me-employer-profile",
        "get",
        expect=EMPLOYERS,
    ),
    Row(
        "api:me-employer-profile",
        "patch",
        body={"company_name": "Clinic Co"},
        expect=EMPLOYERS,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
def test_profile_changes_are_saved_and_shown(freelancer, client_for):
    client = client_for(freelancer)
    response = client.patch(
        reverse("api:me-freelancer-profile"),
        {"headline": "Django and PostgreSQL", "timezone": "Europe/Berlin", "languages": ["de"]},
    )
    assert response.status_code == 200
    shown = client.get(reverse("api:me-freelancer-profile")).json()
    assert shown["headline"] == "Django and PostgreSQL"
    assert shown["timezone"] == "Europe/Berlin"
    assert shown["languages"] == ["de"]


@pytest.mark.django_db
def test_name_change_is_saved(employer, client_for):
    client = client_for(employer)
    client.patch(reverse("api:me"), {"first_name": "  Grace ", "last_name": "Hopper"})
    assert client.get(reverse("api:me")).json()["display_name"] == "Grace Hopper"

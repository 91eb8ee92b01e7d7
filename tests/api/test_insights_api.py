"""/api/v1/projects/{id}/client-signals/ and /api/v1/insights/talent-pool/: the two signals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Project
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import EmployerFactory, FreelancerFactory, ProjectFactory
from tests.projects.factories import FreelancerSkillFactory, small_taxonomy

POOL_QUERY = {
    "skills": "Django",
    "experience_level": "intermediate",
    "budget_type": "hourly",
    "budget_max": "50",
    "currency": "USD",
}

ROWS = [
    Row("api:project-client-signals", "get", {"pk": "project"}, codes(200)),
    # Somebody else's draft is a 404 (never its title); its owner and staff see the signals.
    Row(
        "api:project-client-signals",
        "get",
        {"pk": "draft"},
        codes(404, employer=200, staff=200),
    ),
    Row(
        "api:talent-pool",
        "get",
        expect=codes(403, anonymous=401, employer=200, other_employer=200),
        query=POOL_QUERY,
    ),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_insights_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


# --- Client signals -------------------------------------------------------------------------
def test_client_signals_for_a_new_employer_say_there_is_no_history(anon_client, db):
    project = ProjectFactory()
    body = anon_client.get(reverse("api:project-client-signals", args=[project.pk])).json()
    assert body["has_history"] is False
    assert body["currency"] == "USD"
    assert body["hire_rate_percent"] is None
    assert body["total_spend"] is None
    assert body["payment_verified"] is False
    assert body["projects_published"] == 1


def test_client_signals_in_a_chosen_currency_and_a_bad_one(anon_client, db):
    project = ProjectFactory()
    url = reverse("api:project-client-signals", args=[project.pk])
    assert anon_client.get(url, {"currency": "EUR"}).json()["currency"] == "EUR"
    wrong = anon_client.get(url, {"currency": "XYZ"})
    assert wrong.status_code == 400
    assert wrong.json()["fields"]["currency"] == ["“XYZ” is not a currency we support."]


def test_someone_elses_draft_never_shows_its_title(client_for, db):
    draft = ProjectFactory(status=Project.Status.DRAFT, published_at=None, title="Stealth launch")
    response = client_for(EmployerFactory()).get(
        reverse("api:project-client-signals", args=[draft.pk])
    )
    assert response.status_code == 404
    assert "Stealth launch" not in response.content.decode()


# --- Talent pool ----------------------------------------------------------------------------
@pytest.fixture
def employer_api(client_for, db):
    return client_for(EmployerFactory())


def test_talent_pool_counts(employer_api):
    skills = small_taxonomy()
    profile = FreelancerFactory().freelancer_profile
    profile.hourly_rate = Decimal("40")
    profile.save(update_fields=["hourly_rate"])
    FreelancerSkillFactory(profile=profile, skill=skills["django"])
    FreelancerSkillFactory(profile=profile, skill=skills["postgresql"])

    query = {**POOL_QUERY, "skills": "django, postgres, Basket weaving"}
    body = employer_api.get(reverse("api:talent-pool"), query).json()
    assert body["skills"] == ["Django", "PostgreSQL"]
    assert body["unknown_skills"] == ["Basket weaving"]
    assert (body["with_all_skills"], body["matching"]) == (1, 1)
    assert body["hourly_budget_max"] == "50.00"
    assert body["raised_hourly_budget_max"] == "62.50"
    assert (body["lower_level"], body["if_level_lowered"]) == ("entry", 1)
    assert body["top_rate"] == "40.00"  # the one freelancer's rate: 50 adds no one above it


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"skills": ""}, "skills", "Name at least one required skill"),
        ({"skills": " , ;"}, "skills", "Name at least one required skill"),
        ({"skills": "Basket weaving"}, "skills", "None of these skills is in our skill list"),
        ({"budget_max": "0"}, "budget_max", "Give the top of your budget"),
        ({"budget_max": "lots"}, "budget_max", "Give the top of your budget"),
        ({"budget_type": "weekly"}, "budget_type", "Choose budget_type: fixed or hourly."),
        ({"budget_type": "fixed"}, "duration_weeks", "A fixed price needs duration_weeks"),
        ({"hours_per_week": "99"}, "hours_per_week", "from 1 to 80"),
        ({"experience_level": "guru"}, "experience_level", "is not a valid choice"),
    ],
)
def test_talent_pool_input_errors_name_the_field(employer_api, changes, field, message):
    small_taxonomy()
    response = employer_api.get(reverse("api:talent-pool"), {**POOL_QUERY, **changes})
    assert response.status_code == 400
    body = response.json()
    assert message in body["fields"][field][0]
    assert body["code"] == "invalid"


def test_talent_pool_needs_the_budget(employer_api):
    query = {key: value for key, value in POOL_QUERY.items() if key != "budget_max"}
    response = employer_api.get(reverse("api:talent-pool"), query)
    assert response.status_code == 400
    assert "budget_max" in response.json()["fields"]

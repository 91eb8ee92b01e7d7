"""The currency each person reads market figures in: employers choose it on their profile."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.selectors import preferred_currency
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db

COMPANY_URL = reverse("accounts:onboarding-company")
COMPANY = {
    "company_name": "Acacia Analytics",
    "company_size": "2-10",
    "country": "KE",
    "timezone": "Africa/Nairobi",
    "website": "https://acacia.example",
    "description": "Dashboards for public-health teams.",
}


def test_an_employer_reads_figures_in_us_dollars_until_they_choose(employer):
    assert preferred_currency(employer) == "USD"
    assert employer.employer_profile.currency == "USD"


def test_the_employer_sets_their_currency_on_their_company_profile(client, employer):
    client.force_login(employer)
    page = client.get(COMPANY_URL).content.decode()
    assert "Currency for market figures" in page
    assert '<option value="KES">Kenyan shilling</option>' in page

    response = client.post(COMPANY_URL, {**COMPANY, "currency": "KES"})

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.employer_profile.currency == "KES"
    assert preferred_currency(employer) == "KES"
    page = client.get(COMPANY_URL).content.decode()
    assert '<option value="KES" selected>Kenyan shilling</option>' in page


def test_saving_the_profile_without_a_currency_keeps_the_one_chosen(client, employer):
    client.force_login(employer)
    client.post(COMPANY_URL, {**COMPANY, "currency": "EUR"})
    client.post(COMPANY_URL, COMPANY)
    employer.refresh_from_db()
    assert employer.employer_profile.currency == "EUR"


def test_a_currency_gigwise_does_not_list_is_refused_and_the_form_kept(client, employer):
    client.force_login(employer)

    response = client.post(COMPANY_URL, {**COMPANY, "currency": "XYZ"})

    assert response.status_code == 200
    assert "Choose a currency from the list." in response.content.decode()
    assert 'value="Acacia Analytics"' in response.content.decode()
    employer.refresh_from_db()
    assert employer.employer_profile.currency == "USD"


def test_the_api_reads_and_sets_the_employer_currency(client, employer):
    client.force_login(employer)
    url = reverse("api:me-employer-profile")
    assert client.get(url).json()["currency"] == "USD"

    response = client.patch(url, {"currency": "GBP"}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["currency"] == "GBP"
    employer.refresh_from_db()
    assert preferred_currency(employer) == "GBP"
    refused = client.patch(url, {"currency": "XYZ"}, content_type="application/json")
    assert refused.status_code == 400
    assert "currency" in refused.json()["fields"]


def test_a_freelancer_reads_figures_in_their_profile_currency(freelancer):
    profile = freelancer.freelancer_profile
    profile.currency = "INR"
    profile.save()
    freelancer.refresh_from_db()
    assert preferred_currency(freelancer) == "INR"


def test_staff_visitors_and_role_less_users_read_us_dollars():
    assert preferred_currency(StaffFactory()) == "USD"
    assert preferred_currency(AnonymousUser()) == "USD"
    assert preferred_currency(EmployerFactory(role="")) == "USD"


def test_preferred_currency_costs_at_most_one_query(django_assert_num_queries):
    employer, freelancer = EmployerFactory(), FreelancerFactory()
    for user in (employer, freelancer):
        user.refresh_from_db()
        with django_assert_num_queries(1):
            preferred_currency(user)
        with django_assert_num_queries(0):
            preferred_currency(user)

"""The market insights page and the rate-advice fragments, as each role sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from insights.models import TaskRun
from insights.services.market import market_aggregate
from projects.models import Project
from tests.factories import EmployerFactory, ProjectFactory, StaffFactory
from tests.insights.market import contracts_at, django_market, hourly_project, skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(db):
    return django_market(my_rate="85")


def test_a_freelancer_sees_rates_trends_and_opportunities_with_figures(client, market):
    client.force_login(market["me"])
    page = client.get(reverse("insights:market")).content.decode()
    assert "Rates for your skills at expert level" in page
    assert "Based on 41 contracts" in page
    assert 'id="demand-chart"' in page
    assert 'id="demand-data"' in page
    assert 'id="demand-table"' in page
    assert "Django" in page
    assert 'id="opportunities-table"' in page
    assert "chart.umd.min.js" in page


@pytest.mark.parametrize("who", ["employer", "staff"])
def test_other_roles_see_the_market_without_personal_advice(client, market, who):
    client.force_login(EmployerFactory() if who == "employer" else StaffFactory())
    response = client.get(reverse("insights:market"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rates for your skills" not in page
    assert 'id="demand-table"' in page


def test_the_page_costs_the_same_queries_whatever_the_market_size(client, market):
    client.force_login(market["me"])
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("insights:market"))
    for name in ("Flask", "FastAPI", "Celery", "Redis"):
        extra = skill(name)
        contracts_at(extra, range(40, 60))
        hourly_project(extra, status=Project.Status.OPEN)
    market_aggregate()
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("insights:market"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_rate_fragment_warns_about_the_rate_being_typed(client, market):
    client.force_login(market["me"])
    url = reverse("insights:rate-advice")
    assert "under-pricing" in client.get(url, {"hourly_rate": "25"}).content.decode()
    assert "under-pricing" not in client.get(url, {"hourly_rate": "82"}).content.decode()
    # Nonsense typed in the field is ignored: the profile's own rate is checked instead.
    assert client.get(url, {"hourly_rate": "lots"}).status_code == 200


def test_the_bid_fragment_warns_about_a_low_hourly_bid(client, market):
    project = hourly_project(market["skill"], status=Project.Status.OPEN)
    client.force_login(market["me"])
    url = reverse("insights:bid-advice", args=[project.pk])
    low = client.get(url, {"bid_amount": "20", "currency": "USD"}).content.decode()
    assert "Your bid of 20 USD/h is far below the 25th percentile for Django" in low
    cents = client.get(url, {"bid_amount": "0.5", "currency": "USD"}).content.decode()
    assert "Your bid of 0.50 USD/h is far below" in cents  # as typed, not rounded to 0
    assert "under-pricing" not in client.get(url, {"bid_amount": "80"}).content.decode()
    high = client.get(url, {"bid_amount": "500000", "currency": "USD"}).content.decode()
    assert "Your bid of 500,000 USD/h is more than twice the 75th percentile" in high
    assert "say in your cover letter what sets your work apart" in high


def test_fragments_are_for_freelancers_and_visible_projects_only(client, market):
    draft = ProjectFactory(status=Project.Status.DRAFT, title="Secret draft payroll")
    client.force_login(market["me"])
    response = client.get(reverse("insights:bid-advice", args=[draft.pk]))
    assert response.status_code == 404
    assert "Secret draft payroll" not in response.content.decode()
    client.force_login(EmployerFactory())
    assert client.get(reverse("insights:rate-advice")).status_code == 404


def test_a_freelancer_with_no_skills_is_told_what_to_add(client, db):
    from tests.factories import FreelancerFactory

    client.force_login(FreelancerFactory())
    page = client.get(reverse("insights:rate-advice")).content.decode()
    assert "Add skills to your profile" in page


def test_staff_can_recompute_the_market_from_the_admin(
    client, market, staff_login, django_capture_on_commit_callbacks
):
    staff_login(client, StaffFactory())
    before = TaskRun.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:insights_taskrun_changelist"),
            {"action": "market_recompute", "_selected_action": [TaskRun.objects.first().pk]},
            follow=True,
        )
    assert "being recomputed" in response.content.decode()
    # Enqueued through the outbox; eager in tests, so run at commit.
    assert TaskRun.objects.count() == before + 2

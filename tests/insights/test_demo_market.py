"""After the demo is seeded, the market pages have a year of figures to show."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from insights.selectors.demand import demand_trends
from insights.selectors.rates import rate_advice
from insights.services.market import market_aggregate
from projects.demo.plan import LOGIN_EMAILS
from projects.models import Project
from projects.services.demo import demo_seed
from tests.projects.test_seed_demo import demo_taxonomy, no_postings  # noqa: F401 (fixtures)


@pytest.mark.django_db
def test_the_demo_has_a_growing_year_and_rate_advice_with_figures(demo_taxonomy, no_postings):  # noqa: F811
    demo_seed(size="small", data_dir=no_postings, bulk=True)
    market_aggregate()
    now = timezone.now()
    published = list(
        Project.objects.exclude(published_at=None).values_list("published_at", flat=True)
    )
    assert min(published) < now - dt.timedelta(days=300)
    last_half = sum(1 for moment in published if moment > now - dt.timedelta(days=182))
    assert last_half > len(published) / 2  # a growing marketplace
    freelancer = User.objects.get(email=LOGIN_EMAILS["freelancer"])
    advice = rate_advice(profile=freelancer.freelancer_profile)
    assert advice.has_figures
    trends = demand_trends(profile=freelancer.freelancer_profile)
    assert any(item.yours and item.projects_year for item in trends.skills)

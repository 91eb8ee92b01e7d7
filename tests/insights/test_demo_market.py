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


def test_the_demo_prices_expert_work_above_entry_level_work():
    # Rate advice per level and the budget estimator learn from these prices: a demo where the
    # level asked for says nothing about the price would teach them that it never does.
    import random
    import statistics
    from collections import defaultdict

    from projects.demo.archetypes import archetype_for
    from projects.demo.market import text_from_generator
    from projects.demo.taxonomy import DemoCategory

    web = archetype_for("Web & Software Development")
    category = DemoCategory(1, "Web", "web", web, tuple((n, f"Skill {n}") for n in range(10)))
    prices = defaultdict(list)  # (budget type, level): the budget's middle, per week for fixed
    for n in range(1200):
        budget_type = ("hourly", "fixed")[n % 2]
        text = text_from_generator(
            random.Random(n), category, budget_type=budget_type, currency="USD", serial=n
        )
        middle = float(text.budget_min + text.budget_max) / 2
        weeks = 1 if budget_type == "hourly" else min(text.duration_weeks, 12)
        prices[budget_type, text.experience_level].append(middle / weeks)
    for budget_type in ("hourly", "fixed"):
        entry, middle, expert = (
            statistics.median(prices[budget_type, level])
            for level in ("entry", "intermediate", "expert")
        )
        assert entry < middle < expert
        assert expert > 1.5 * entry


def test_the_demo_history_does_not_end_its_long_contracts_all_at_once():
    # The estimator's platform evaluation tests on the newest contracts: if the months-long
    # ones of the past year all ended in the last weeks, that test would be mostly full-time
    # work. Every contract still ends before today, after running about the weeks posted.
    import random

    from projects.demo.history import HISTORY_DAYS, history_timeline
    from projects.demo.market import Story

    story = Story("completed", budget_type="hourly", history=True)
    for weeks in (2, 26):
        times = [history_timeline(random.Random(n), story, weeks) for n in range(400)]
        assert all(1.0 <= t.ended < t.hired < t.published <= HISTORY_DAYS[1] for t in times)
        assert all(0.7 * weeks * 7 <= t.hired - t.ended <= 1.4 * weeks * 7 for t in times)
        last_three_weeks = sum(t.ended <= 21 for t in times) / len(times)
        assert last_three_weeks < 0.3, (weeks, last_three_weeks)

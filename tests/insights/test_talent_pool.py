"""The talent-pool signal on the project form: who is available for these skills, level, budget."""

from decimal import Decimal

import pytest
from django.urls import reverse

from insights.selectors.talent_pool import TalentPoolAsk, talent_pool
from projects.money import convert
from tests.factories import EmployerFactory, FreelancerFactory, ProjectFactory, StaffFactory
from tests.projects.factories import FreelancerSkillFactory, small_taxonomy


def freelancer(skills, *, years=5, rate="45", currency="USD", hours=30, active=True):
    person = FreelancerFactory(is_active=active)
    profile = person.freelancer_profile
    profile.years_experience = years
    profile.hourly_rate = Decimal(rate) if rate else None
    profile.currency = currency
    profile.availability_hours_per_week = hours
    profile.save()
    for skill in skills:
        FreelancerSkillFactory(profile=profile, skill=skill)
    return profile


@pytest.fixture
def market(db):
    """Who is on the market for a Django and PostgreSQL project, and who is not."""
    skills = small_taxonomy()
    both = [skills["django"], skills["postgresql"]]
    people = {
        "fits": freelancer(both, years=5, rate="45"),
        "junior": freelancer(both, years=1, rate="30"),
        "pricey": freelancer(both, years=4, rate="60"),
        "one_skill": freelancer([skills["django"]], years=3, rate="40"),
        "in_pounds": freelancer(both, years=10, rate="30", currency="GBP"),
        "no_rate": freelancer(both, years=6, rate=None),
        # Not available: no hours offered, or the account is closed. Never counted.
        "busy": freelancer(both, hours=0),
        "closed": freelancer(both, active=False),
        "writer": freelancer([skills["copywriting"]]),
    }
    return {"skills": skills, "people": people}


def ask(**overrides) -> TalentPoolAsk:
    fields = {
        "skills": ["postgres", "Django", "Quantum basket weaving"],
        "experience_level": "intermediate",
        "budget_type": "hourly",
        "budget_max": Decimal("50"),
        "currency": "USD",
    }
    return TalentPoolAsk(**{**fields, **overrides})


def test_counts_for_the_skills_level_and_budget(market):
    # The pound-rate freelancer fits only if 30 GBP is within 50 USD: true at any sane rate.
    assert convert(Decimal("30"), "GBP", "USD") <= 50

    pool = talent_pool(ask=ask())

    assert pool.skills == ["PostgreSQL", "Django"]  # "postgres" through its alias
    assert pool.unknown_skills == ["Quantum basket weaving"]
    assert pool.min_years == 2
    assert pool.hourly_max == Decimal("50.00")
    # fits, junior, pricey, in_pounds, no_rate: both skills, whatever the level or rate.
    assert pool.with_skills == 5
    assert pool.matching == 2  # fits, in_pounds
    assert pool.most_skills == 1
    assert pool.matching_most == 3  # and one_skill (3 years, 40 USD)
    assert pool.raised_hourly_max == Decimal("62.50")
    assert pool.if_budget_raised == 3  # and pricey (60 USD)
    assert pool.budget_raise_gain == 1
    assert (pool.lower_level, pool.lower_min_years) == ("entry", 0)
    assert pool.if_level_lowered == 3  # and junior (1 year)


def test_a_fixed_price_is_spread_over_its_hours(market):
    # 6000 over 5 weeks at 24 hours a week is 50 an hour: the same people as the hourly ask.
    fixed_price = {"budget_type": "fixed", "budget_max": Decimal("6000"), "duration_weeks": 5}
    fixed = talent_pool(ask=ask(**fixed_price, hours_per_week=24))
    assert fixed.hourly_max == Decimal("50.00")
    assert fixed.matching == 2
    # Without hours a week, 15 are assumed: 6000 over 75 hours is 80 an hour, pricey fits.
    assumed = talent_pool(ask=ask(**fixed_price))
    assert (assumed.hourly_max, assumed.hours, assumed.matching) == (Decimal("80.00"), 75, 3)


def test_a_budget_in_another_currency_is_converted(market):
    budget = convert(Decimal("50"), "USD", "EUR").quantize(Decimal("0.01"))
    pool = talent_pool(ask=ask(currency="EUR", budget_max=budget))
    assert pool.matching == 2


def test_the_lowest_level_has_nothing_lower(market):
    pool = talent_pool(ask=ask(experience_level="entry"))
    assert pool.lower_level is None
    assert pool.if_level_lowered is None
    assert pool.matching == 3  # fits, junior, in_pounds


def test_expert_goes_down_to_intermediate(market):
    pool = talent_pool(ask=ask(experience_level="expert"))
    assert (pool.min_years, pool.matching) == (5, 2)
    assert (pool.lower_level, pool.if_level_lowered) == ("intermediate", 2)


def test_unknown_skills_count_nobody(market):
    pool = talent_pool(ask=ask(skills=["Quantum basket weaving"]))
    assert pool.skills == []
    assert (pool.with_skills, pool.matching) == (0, 0)


def test_the_highest_rate_asked_is_converted_and_compared_with_the_budget(market):
    # With both skills and available: 45, 30 and 60 USD, 30 GBP, and one with no rate.
    pool = talent_pool(ask=ask())
    assert pool.top_rate == Decimal("60.00")
    assert not pool.budget_above_every_rate  # 50 USD: the 60 USD freelancer is out of reach
    assert talent_pool(ask=ask(budget_max=Decimal("4000"))).budget_above_every_rate
    in_euros = talent_pool(ask=ask(currency="EUR"))
    assert in_euros.top_rate == convert(Decimal("60"), "USD", "EUR").quantize(Decimal("0.01"))
    assert talent_pool(ask=ask(skills=["Quantum basket weaving"])).top_rate is None


def test_three_queries_whatever_the_market(market, django_assert_num_queries):
    talent_pool(ask=ask())  # the exchange rates are read once per process
    with django_assert_num_queries(3):
        talent_pool(ask=ask())
    for _round in range(5):
        freelancer(list(market["skills"].values()), years=3, rate="20", currency="EUR")
    with django_assert_num_queries(3):
        pool = talent_pool(ask=ask(skills=["Django", "postgres", "k8s", "React", "Python"]))
    assert pool.with_skills == 5


# --- The fragment ---------------------------------------------------------------------------
URL = "insights:talent-pool"
FORM = {
    "required_skills": "postgres, Django, Quantum basket weaving",
    "budget_type": "hourly",
    "budget_min": "30",
    "budget_max": "50",
    "currency": "USD",
    "experience_level": "intermediate",
    "duration_weeks": "6",
    "hours_per_week": "",
}


@pytest.fixture
def employer_client(client, db):
    client.force_login(EmployerFactory())
    return client


def test_the_fragment_shows_the_counts_and_what_if(employer_client, market):
    html = employer_client.get(reverse(URL), FORM).content.decode()
    assert '<strong class="fs-5">2</strong> available freelancers have both required' in html
    assert "with both PostgreSQL and Django, at any level or rate" in html
    assert "if you raised the budget by 25% (a rate up to 62.50 USD an hour)" in html
    assert "(+1)" in html
    assert "if you asked for entry level instead</th>" in html  # entry asks for no years
    assert "Quantum basket weaving isn&#x27;t in our skill list yet" in html
    assert "Available means an active freelancer" in html


def test_a_budget_above_every_rate_asked_says_raising_it_adds_no_one(employer_client, market):
    ok = employer_client.get(reverse(URL), FORM).content.decode()
    assert "adds no one" not in ok
    # 2,000 to 4,000 an hour: a fixed price's figures left in after switching to hourly.
    high = {**FORM, "budget_min": "2000", "budget_max": "4000"}
    html = employer_client.get(reverse(URL), high).content.decode()
    assert (
        "The highest rate anyone with both skills asks is 60.00 USD an hour, so a higher "
        "budget adds no one." in html
    )


def test_a_budget_whose_bottom_is_above_its_top_is_pointed_out(employer_client, market):
    ok = employer_client.get(reverse(URL), FORM).content.decode()
    assert "is above “Budget up to”" not in ok
    swapped = {**FORM, "budget_min": "80", "budget_max": "50"}
    html = employer_client.get(reverse(URL), swapped).content.decode()
    assert (
        "Your “Budget from” is above “Budget up to”: this counts against the top, 50.00 USD" in html
    )
    # A bottom typed wrong is not what the count needs: it still counts.
    wrong = employer_client.get(reverse(URL), {**FORM, "budget_min": "lots"}).content.decode()
    assert "we still need" not in wrong


def test_one_skill_reads_as_one(employer_client, market):
    html = employer_client.get(reverse(URL), {**FORM, "required_skills": "Django"}).content
    assert "have the required skill, intermediate-level" in html.decode()


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({}, "at least one required skill"),
        ({"required_skills": " , "}, "at least one required skill"),
        ({"budget_max": "lots"}, "the top of your budget"),
        ({"budget_max": "-5"}, "the top of your budget"),
        ({"budget_type": "weekly"}, "the budget type"),
        ({"budget_type": "fixed", "duration_weeks": ""}, "the expected duration in weeks"),
        ({"hours_per_week": "200"}, "hours per week as a number from 1 to 80"),
        ({"currency": "XXX"}, "a currency from the list"),
        ({"experience_level": "guru"}, "an experience level from the list"),
    ],
)
def test_partial_or_invalid_answers_say_what_is_missing(employer_client, market, changes, said):
    data = {**FORM, **changes} if changes else {}
    response = employer_client.get(reverse(URL), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "we still need" in html
    assert said in html


def test_the_project_form_asks_for_the_fragment_on_change(employer_client):
    html = employer_client.get(reverse("projects:project-create")).content.decode()
    start = html.index('id="talent-pool"')
    section = html[start : html.index(">", start)]
    assert f'hx-get="{reverse(URL)}"' in section
    assert "change from:closest form" in section
    assert "[name='budget_max']" in section
    assert "[name='budget_min']" in section  # to say when it is above the top
    # The description stays out of the URL (the budget estimate POSTs it instead).
    assert "[name='description']" not in section


def test_the_edit_form_has_it_too(client, db):
    project = ProjectFactory(status="draft", published_at=None)
    client.force_login(project.employer)
    html = client.get(reverse("projects:project-edit", args=[project.pk])).content.decode()
    assert f'hx-get="{reverse(URL)}"' in html


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("anonymous", "login"),
        ("freelancer", "404"),
        ("employer", "200"),
        ("other_employer", "200"),
        ("staff", "redirect"),
    ],
)
def test_only_employers_may_ask(client, market, role, outcome):
    user = {
        "anonymous": None,
        "freelancer": FreelancerFactory,
        "employer": EmployerFactory,
        "other_employer": EmployerFactory,
        "staff": StaffFactory,
    }[role]
    if user is not None:
        client.force_login(user())
    response = client.get(reverse(URL), FORM)
    if response.status_code == 302:
        got = "login" if "/accounts/login/" in response.url else "redirect"
    else:
        got = str(response.status_code)
    assert got == outcome


def test_only_get_is_allowed(employer_client):
    assert employer_client.post(reverse(URL), FORM).status_code == 405

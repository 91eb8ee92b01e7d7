"""The dashboard for each role, the completeness selectors, and its query count."""

import pytest
from django.urls import reverse

from accounts.models import User
from projects.selectors.profile import freelancer_profile_completeness, freelancer_profile_get
from tests.factories import PASSWORD
from tests.projects.factories import FreelancerSkillFactory, SkillCategoryFactory

DASHBOARD = reverse("projects:dashboard")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={DASHBOARD}"


def test_freelancer_dashboard_shows_the_meter_and_what_is_missing(client, freelancer):
    FreelancerSkillFactory(profile=freelancer.freelancer_profile, skill__name="Rust")
    client.force_login(freelancer)
    html = client.get(DASHBOARD).text
    # Factory profile: name, headline, bio, country, languages, rate, availability = 7 of 9.
    assert '<progress id="completeness-meter"' in html
    assert 'value="78"' in html
    assert "78% complete" in html
    assert f'<a href="{reverse("projects:onboarding-skills")}">At least 3 skills</a>' in html
    assert (
        f'<a href="{reverse("projects:onboarding-preferences")}">Categories you want work in</a>'
        in html
    )
    assert "Rust" in html
    assert "45.00 USD" in html
    assert "30 hours a week" in html
    assert "Works in English" in html
    assert "Company profile completeness" not in html
    # Nothing pretends to exist before it does.
    for word in ("Proposals", "Contracts", "coming soon"):
        assert word not in html


def test_not_onboarded_users_are_invited_to_continue(client, freelancer):
    client.force_login(freelancer)
    assert reverse("accounts:onboarding") in client.get(DASHBOARD).text
    freelancer.onboarded_at = freelancer.date_joined
    freelancer.save()
    assert "Continue setting up" not in client.get(DASHBOARD).text


def test_employer_dashboard_shows_company_completeness(client, employer):
    client.force_login(employer)
    html = client.get(DASHBOARD).text
    assert "Company profile completeness" in html
    assert "60% complete" in html
    assert f'<a href="{reverse("accounts:onboarding-company")}">Website</a>' in html
    assert employer.employer_profile.company_name in html
    assert "At least 3 skills" not in html


def test_staff_without_role_get_links_to_the_admin(client, staff):
    client.force_login(staff)
    html = client.get(DASHBOARD).text
    assert f'href="{reverse("admin:index")}"' in html
    assert "completeness" not in html.lower()


def test_user_without_role_and_not_staff_is_told_plainly(client, db):
    user = User.objects.create_user(email="norole@example.com", password=PASSWORD)
    client.force_login(user)
    html = client.get(DASHBOARD).text
    assert "neither a freelancer nor an employer" in html
    assert reverse("admin:index") not in html


def test_skills_are_listed_strongest_first_then_by_name(client, freelancer, taxonomy):
    profile = freelancer.freelancer_profile
    FreelancerSkillFactory(profile=profile, skill=taxonomy["react"], level=3)
    FreelancerSkillFactory(profile=profile, skill=None, free_text="Basket weaving", level=3)
    FreelancerSkillFactory(profile=profile, skill=taxonomy["python"], level=5)
    client.force_login(freelancer)
    html = client.get(DASHBOARD).text
    assert html.index("Python") < html.index("Basket weaving") < html.index("React")


def test_freelancer_completeness_percentages(freelancer):
    profile = freelancer_profile_get(user=freelancer.freelancer_profile.user)
    assert freelancer_profile_completeness(profile).percent == 78

    FreelancerSkillFactory.create_batch(3, profile=profile)
    SkillCategoryFactory().preferred_by.add(profile)
    profile = freelancer_profile_get(user=freelancer)
    full = freelancer_profile_completeness(profile)
    assert (full.percent, full.missing) == (100, [])

    profile.bio = ""
    profile.hourly_rate = None
    result = freelancer_profile_completeness(profile)
    assert result.percent == 78
    assert result.missing == [
        ("A short bio", "accounts:onboarding-about"),
        ("Your hourly rate", "accounts:onboarding-rate"),
    ]


def test_missing_items_follow_the_wizard_order(db):
    from accounts.services import user_create

    user = user_create(email="empty@example.com", password=PASSWORD, role="freelancer")
    completeness = freelancer_profile_completeness(freelancer_profile_get(user=user))
    assert completeness.percent == 0
    steps = [url for _label, url in completeness.missing]
    assert steps == sorted(
        steps,
        key=[
            "accounts:onboarding-about",
            "projects:onboarding-skills",
            "accounts:onboarding-rate",
            "projects:onboarding-preferences",
        ].index,
    )
    assert len(completeness.missing) == 9


@pytest.mark.parametrize("skill_count", [1, 25])
def test_freelancer_dashboard_query_count_does_not_grow_with_skills(
    client, freelancer, django_assert_num_queries, skill_count
):
    profile = freelancer.freelancer_profile
    FreelancerSkillFactory.create_batch(skill_count, profile=profile)
    for _ in range(3):
        SkillCategoryFactory().preferred_by.add(profile)
    client.force_login(freelancer)
    client.get(DASHBOARD)  # warm the session and the site's first-request caches
    # session, user, profile_ensure, profile, skills (with their Skill), categories, portfolio
    # (empty here, so its skills are not fetched; test_portfolio counts a filled one)
    with django_assert_num_queries(7):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.text.count("· level") == skill_count

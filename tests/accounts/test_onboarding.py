"""The onboarding wizard, end to end through the test client, for both roles."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from accounts.services import user_create
from tests.factories import PASSWORD, EmployerFactory
from tests.projects.factories import FreelancerSkillFactory, SkillCategoryFactory, small_taxonomy

FREELANCER_STEPS = [
    "accounts:onboarding-about",
    "projects:onboarding-skills",
    "accounts:onboarding-rate",
    "projects:onboarding-preferences",
]
EMPLOYER_STEPS = ["accounts:onboarding-company"]
ABOUT = {
    "first_name": "Amina",
    "last_name": "Otieno",
    "headline": "Django developer for data-heavy web apps",
    "bio": "Ten years of Python, mostly for NGOs and newsrooms.",
    "country": "KE",
    "timezone": "Africa/Nairobi",
    "languages": ["en", "sw"],
    "years_experience": "10",
}
COMPANY = {
    "company_name": "Acacia Analytics",
    "company_size": "2-10",
    "country": "DE",
    "timezone": "Europe/Berlin",
    "website": "https://acacia.example",
    "description": "We build dashboards for public-health teams.",
}


@pytest.fixture
def new_freelancer(db):
    return user_create(email="new-freelancer@example.com", password=PASSWORD, role="freelancer")


@pytest.fixture
def new_employer(db):
    return user_create(email="new-employer@example.com", password=PASSWORD, role="employer")


def assert_login_redirect(response, url):
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


# --- Freelancer, end to end ---------------------------------------------------------------


def test_freelancer_wizard_end_to_end(client, new_freelancer):
    skills = small_taxonomy()
    categories = [SkillCategoryFactory(name="Software development"), SkillCategoryFactory()]
    client.force_login(new_freelancer)

    response = client.get(reverse("accounts:onboarding"))
    assert response.url == reverse("accounts:onboarding-about")

    response = client.get(reverse("accounts:onboarding-about"))
    assert "Step 1 of 4" in response.text
    response = client.post(reverse("accounts:onboarding-about"), ABOUT)
    assert response.url == reverse("projects:onboarding-skills")

    # Step 2: three skills, one by alias, one unknown, then continue.
    response = client.get(reverse("projects:onboarding-skills"))
    assert "Step 2 of 4" in response.text
    for text, level in [("postgres", 4), ("Django", 5), ("Quantum basket weaving", 2)]:
        response = client.post(
            reverse("projects:freelancer-skill-add"), {"q": text, "level": level, "years": 3}
        )
        assert response.status_code == 302
    response = client.post(reverse("projects:onboarding-skills"))
    assert response.url == reverse("accounts:onboarding-rate")

    response = client.get(reverse("accounts:onboarding-rate"))
    assert "Step 3 of 4" in response.text
    response = client.post(
        reverse("accounts:onboarding-rate"),
        {"hourly_rate": "55.50", "currency": "EUR", "availability_hours_per_week": "25"},
    )
    assert response.url == reverse("projects:onboarding-preferences")

    response = client.get(reverse("projects:onboarding-preferences"))
    assert "Step 4 of 4" in response.text
    assert ">Finish</button>" in response.text
    response = client.post(
        reverse("projects:onboarding-preferences"),
        {
            "min_rate": "40",
            "budget_preference": "hourly",
            "project_size": "medium",
            "categories": [c.pk for c in categories],
            "remote_only": "on",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("projects:dashboard")
    assert "your profile is set up" in response.text
    assert "100% complete" in response.text
    assert 'value="100"' in response.text

    new_freelancer.refresh_from_db()
    profile = new_freelancer.freelancer_profile
    assert new_freelancer.onboarded_at is not None
    assert new_freelancer.get_full_name() == "Amina Otieno"
    assert profile.headline == ABOUT["headline"]
    assert profile.country.code == "KE"
    assert str(profile.timezone) == "Africa/Nairobi"
    assert profile.languages == ["en", "sw"]
    assert profile.years_experience == 10
    assert (profile.hourly_rate, profile.currency) == (Decimal("55.50"), "EUR")
    assert profile.availability_hours_per_week == 25
    assert profile.min_rate == Decimal("40")
    assert profile.budget_preference == "hourly"
    assert profile.project_size == "medium"
    assert profile.remote_only is True
    assert set(profile.preferred_categories.all()) == set(categories)
    by_name = {s.name: s for s in profile.skills.all()}
    assert by_name["PostgreSQL"].skill == skills["postgresql"]
    assert by_name["PostgreSQL"].level == 4
    assert by_name["Quantum basket weaving"].skill is None


def test_steps_are_prefilled_when_revisited_as_edit_pages(client, freelancer):
    client.force_login(freelancer)
    profile = freelancer.freelancer_profile
    response = client.get(reverse("accounts:onboarding-about"))
    # Escaped as the page writes them: factory names and headlines may hold an apostrophe.
    assert f'value="{escape(freelancer.first_name)}"' in response.text
    assert escape(profile.headline) in response.text
    response = client.get(reverse("accounts:onboarding-rate"))
    assert 'value="45.00"' in response.text


def test_back_links_to_the_previous_step(client, freelancer):
    client.force_login(freelancer)
    response = client.get(reverse("accounts:onboarding-rate"))
    assert f'href="{reverse("projects:onboarding-skills")}">Back</a>' in response.text
    response = client.get(reverse("accounts:onboarding-about"))
    assert ">Back</a>" not in response.text


def test_onboarding_resumes_at_the_first_incomplete_step(client, new_freelancer):
    client.force_login(new_freelancer)
    client.post(reverse("accounts:onboarding-about"), ABOUT)
    assert client.get(reverse("accounts:onboarding")).url == reverse("projects:onboarding-skills")

    FreelancerSkillFactory.create_batch(3, profile=new_freelancer.freelancer_profile)
    assert client.get(reverse("accounts:onboarding")).url == reverse("accounts:onboarding-rate")


def test_skills_step_needs_three_skills_to_continue(client, freelancer):
    FreelancerSkillFactory.create_batch(2, profile=freelancer.freelancer_profile)
    client.force_login(freelancer)
    response = client.post(reverse("projects:onboarding-skills"))
    assert response.status_code == 200
    assert "Add at least 3 skills to continue; you have 2 so far." in response.text


def test_finishing_with_an_earlier_step_incomplete_sends_the_user_back(client, new_freelancer):
    client.force_login(new_freelancer)
    client.post(reverse("accounts:onboarding-about"), ABOUT)
    response = client.post(
        reverse("projects:onboarding-preferences"),
        {"budget_preference": "any", "project_size": "any"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("projects:onboarding-skills")
    assert "Almost there" in response.text
    new_freelancer.refresh_from_db()
    assert new_freelancer.onboarded_at is None


# --- Freelancer, bad input ----------------------------------------------------------------


def test_about_step_says_what_is_missing_and_keeps_what_was_typed(client, new_freelancer):
    client.force_login(new_freelancer)
    data = {**ABOUT, "bio": "", "languages": [], "years_experience": "70"}
    data["headline"] = "x" * 130
    response = client.post(reverse("accounts:onboarding-about"), data)
    assert response.status_code == 200
    assert "Tell clients a little about yourself and your work." in response.text
    assert "Choose at least one language you work in." in response.text
    assert "Enter your years of experience as a number from 0 to 60." in response.text
    assert "Keep the headline to 120 characters (it has 130)." in response.text
    assert 'value="Amina"' in response.text
    assert 'value="70"' in response.text
    new_freelancer.refresh_from_db()
    assert new_freelancer.first_name == ""
    assert new_freelancer.freelancer_profile.headline == ""


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("0", "Hourly rate must be more than 0."),
        ("-5", "Hourly rate must be more than 0."),
        ("forty", "Enter the hourly rate as a number, for example 45 or 45.50."),
        ("45.555", "Use at most two decimal places, for example 45.50."),
        ("", "Enter your hourly rate."),
    ],
)
def test_rate_step_rejects_bad_rates(client, freelancer, rate, message):
    client.force_login(freelancer)
    response = client.post(
        reverse("accounts:onboarding-rate"),
        {"hourly_rate": rate, "currency": "USD", "availability_hours_per_week": "20"},
    )
    assert response.status_code == 200
    assert message in response.text
    assert f'value="{rate}"' in response.text or rate == ""
    freelancer.freelancer_profile.refresh_from_db()
    assert freelancer.freelancer_profile.hourly_rate == Decimal("45.00")


@pytest.mark.parametrize("hours", ["100", ""])
def test_rate_step_asks_for_availability_in_range(client, freelancer, hours):
    client.force_login(freelancer)
    response = client.post(
        reverse("accounts:onboarding-rate"),
        {"hourly_rate": "50", "currency": "USD", "availability_hours_per_week": hours},
    )
    assert "Enter the hours a week you can work, from 0 to 80." in response.text


def test_minimum_rate_cannot_be_above_the_hourly_rate(client, freelancer):
    client.force_login(freelancer)
    response = client.post(
        reverse("projects:onboarding-preferences"),
        {"min_rate": "60", "budget_preference": "any", "project_size": "any"},
    )
    assert response.status_code == 200
    assert "Minimum rate cannot be above your hourly rate (45.00 USD)." in response.text
    assert 'value="60"' in response.text
    freelancer.freelancer_profile.refresh_from_db()
    assert freelancer.freelancer_profile.min_rate is None


def test_hourly_rate_cannot_drop_below_the_minimum_rate(client, freelancer):
    profile = freelancer.freelancer_profile
    profile.min_rate = Decimal("40.00")
    profile.save()
    client.force_login(freelancer)
    response = client.post(
        reverse("accounts:onboarding-rate"),
        {"hourly_rate": "30", "currency": "USD", "availability_hours_per_week": "20"},
    )
    assert "Hourly rate cannot be below the minimum rate you set in Preferences" in response.text


# --- Employer -----------------------------------------------------------------------------


def test_employer_wizard_end_to_end(client, new_employer):
    client.force_login(new_employer)
    response = client.get(reverse("accounts:onboarding"))
    assert response.url == reverse("accounts:onboarding-company")

    response = client.get(response.url)
    assert "Step 1 of 1" in response.text
    response = client.post(reverse("accounts:onboarding-company"), COMPANY, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:dashboard")
    assert "your profile is set up" in response.text
    assert "100% complete" in response.text

    new_employer.refresh_from_db()
    profile = new_employer.employer_profile
    assert new_employer.onboarded_at is not None
    assert profile.company_name == "Acacia Analytics"
    assert profile.company_size == "2-10"
    assert profile.website == "https://acacia.example"


def test_company_step_says_what_is_wrong_and_keeps_what_was_typed(client, new_employer):
    client.force_login(new_employer)
    data = {**COMPANY, "company_size": "", "website": "not a web address"}
    response = client.post(reverse("accounts:onboarding-company"), data)
    assert response.status_code == 200
    assert "Choose how many people work at your company." in response.text
    assert "Enter a full web address, for example https://example.com." in response.text
    assert 'value="Acacia Analytics"' in response.text
    new_employer.refresh_from_db()
    assert new_employer.onboarded_at is None


def test_saving_again_after_onboarding_keeps_the_first_date(client, employer):
    client.force_login(employer)
    client.post(reverse("accounts:onboarding-company"), COMPANY)
    employer.refresh_from_db()
    first = employer.onboarded_at
    response = client.post(reverse("accounts:onboarding-company"), COMPANY, follow=True)
    assert "Your profile is saved." in response.text
    employer.refresh_from_db()
    assert employer.onboarded_at == first


# --- Who may open which step --------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["accounts:onboarding", *FREELANCER_STEPS, *EMPLOYER_STEPS])
def test_anonymous_is_sent_to_login(client, db, url_name):
    url = reverse(url_name)
    assert_login_redirect(client.get(url), url)


@pytest.mark.parametrize("url_name", FREELANCER_STEPS)
def test_freelancer_steps_by_role(client, freelancer, employer, staff, url_name):
    url = reverse(url_name)
    client.force_login(freelancer)
    assert client.get(url).status_code == 200
    client.force_login(employer)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    client.force_login(staff)
    assert client.get(url).url == reverse("projects:dashboard")


def test_company_step_by_role(client, freelancer, employer, staff):
    url = reverse("accounts:onboarding-company")
    client.force_login(employer)
    assert client.get(url).status_code == 200
    client.force_login(freelancer)
    assert client.get(url).status_code == 404
    assert client.post(url, COMPANY).status_code == 404
    client.force_login(staff)
    assert client.get(url).url == reverse("projects:dashboard")


def test_employer_cannot_change_another_employers_company(client, employer):
    other = EmployerFactory()
    client.force_login(other)
    client.post(reverse("accounts:onboarding-company"), COMPANY)
    employer.employer_profile.refresh_from_db()
    assert employer.employer_profile.company_name != COMPANY["company_name"]
    other.employer_profile.refresh_from_db()
    assert other.employer_profile.company_name == COMPANY["company_name"]


def test_onboarding_start_by_role(client, freelancer, employer, staff):
    url = reverse("accounts:onboarding")
    client.force_login(freelancer)
    assert client.get(url).url.startswith("/onboarding/")
    client.force_login(employer)
    assert client.get(url).url == reverse("accounts:onboarding-company")
    client.force_login(staff)
    assert client.get(url).url == reverse("projects:dashboard")


def test_a_role_less_user_has_no_wizard(client, db):
    user = User.objects.create_user(email="norole@example.com", password=PASSWORD)
    client.force_login(user)
    assert client.get(reverse("accounts:onboarding")).url == reverse("projects:dashboard")
    assert client.get(reverse("accounts:onboarding-about")).url == reverse("projects:dashboard")

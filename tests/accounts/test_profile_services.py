"""Profile writes (accounts.services) and the reads the wizard relies on (accounts.selectors)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import EmployerProfile, FreelancerProfile, User
from accounts.selectors import (
    employer_profile_completeness,
    onboarding_first_incomplete_step,
    onboarding_progress,
)
from accounts.services import (
    employer_profile_update,
    freelancer_profile_update,
    profile_ensure,
    user_create,
    user_mark_onboarded,
)
from tests.factories import PASSWORD
from tests.projects.factories import FreelancerSkillFactory


@pytest.fixture
def blank_freelancer(db):
    return user_create(email="blank-f@example.com", password=PASSWORD, role="freelancer")


def test_profile_ensure_gives_the_profile_of_the_role(db):
    freelancer = User.objects.create_user(email="f@example.com", role="freelancer")
    employer = User.objects.create_user(email="e@example.com", role="employer")
    nobody = User.objects.create_user(email="n@example.com")
    assert isinstance(profile_ensure(user=freelancer), FreelancerProfile)
    assert isinstance(profile_ensure(user=employer), EmployerProfile)
    assert profile_ensure(user=nobody) is None
    # A second call returns the same row instead of creating another.
    assert profile_ensure(user=freelancer).pk == freelancer.freelancer_profile.pk


def test_freelancer_profile_update_saves_and_validates(freelancer):
    profile = freelancer.freelancer_profile
    freelancer_profile_update(profile=profile, hourly_rate=Decimal("60"), languages=["fr"])
    profile.refresh_from_db()
    assert profile.hourly_rate == Decimal("60.00")
    assert profile.languages == ["fr"]

    with pytest.raises(ValidationError) as caught:
        freelancer_profile_update(profile=profile, availability_hours_per_week=90)
    assert "availability_hours_per_week" in caught.value.error_dict


def test_freelancer_profile_update_refuses_fields_it_does_not_own(freelancer):
    with pytest.raises(TypeError, match="first_name"):
        freelancer_profile_update(profile=freelancer.freelancer_profile, first_name="Eve")


def test_employer_profile_update_validates_the_website(employer):
    profile = employer.employer_profile
    with pytest.raises(ValidationError) as caught:
        employer_profile_update(profile=profile, website="not a url")
    assert "website" in caught.value.error_dict
    employer_profile_update(profile=profile, website="https://example.org")
    profile.refresh_from_db()
    assert profile.website == "https://example.org"


def test_user_mark_onboarded_keeps_the_first_date(freelancer):
    first = user_mark_onboarded(user=freelancer).onboarded_at
    assert first is not None
    assert user_mark_onboarded(user=freelancer).onboarded_at == first


# --- Selectors ----------------------------------------------------------------------------


def test_employer_completeness_counts_five_items(employer):
    profile = employer.employer_profile  # name, size and country from the factory
    completeness = employer_profile_completeness(profile)
    assert completeness.percent == 60
    assert [label for label, _url in completeness.missing] == [
        "Website",
        "A description of what you do",
    ]
    assert {url for _label, url in completeness.missing} == {"accounts:onboarding-company"}

    profile.website = "https://example.org"
    profile.description = "We make maps."
    assert employer_profile_completeness(profile).percent == 100
    assert employer_profile_completeness(profile).is_complete


def test_empty_employer_profile_is_zero_percent(db):
    user = user_create(email="blank-e@example.com", password=PASSWORD, role="employer")
    assert employer_profile_completeness(user.employer_profile).percent == 0


def test_onboarding_progress_knows_its_neighbours():
    progress = onboarding_progress(role="freelancer", url_name="accounts:onboarding-rate")
    assert (progress.current.number, progress.total) == (3, 4)
    assert progress.previous_url_name == "projects:onboarding-skills"
    assert progress.next_url_name == "projects:onboarding-preferences"
    assert not progress.is_last
    last = onboarding_progress(role="employer", url_name="accounts:onboarding-company")
    assert (last.current.number, last.total, last.is_last) == (1, 1, True)


def test_first_incomplete_step_follows_the_wizard_order(blank_freelancer):
    user = blank_freelancer
    profile = user.freelancer_profile
    assert onboarding_first_incomplete_step(user=user) == "accounts:onboarding-about"

    user.first_name, user.last_name = "Ada", "Lovelace"
    user.save()
    freelancer_profile_update(
        profile=profile, headline="Analyst", bio="Engines.", country="GB", languages=["en"]
    )
    assert onboarding_first_incomplete_step(user=user) == "projects:onboarding-skills"

    FreelancerSkillFactory.create_batch(3, profile=profile)
    assert onboarding_first_incomplete_step(user=user) == "accounts:onboarding-rate"

    freelancer_profile_update(
        profile=profile, hourly_rate=Decimal("80"), availability_hours_per_week=10
    )
    assert onboarding_first_incomplete_step(user=user) == "projects:onboarding-preferences"

    user_mark_onboarded(user=user)
    # Nothing left to do: /onboarding/ becomes "edit profile" from the first step.
    assert onboarding_first_incomplete_step(user=user) == "accounts:onboarding-about"


def test_first_incomplete_step_for_employers_and_staff(employer, staff):
    assert onboarding_first_incomplete_step(user=employer) == "accounts:onboarding-company"
    assert onboarding_first_incomplete_step(user=staff) is None

"""Employers find freelancers by skill (aliases count) or words; public profiles show the record."""

import pytest
from django.urls import reverse

from projects.models import PortfolioItem
from tests.factories import FreelancerFactory
from tests.projects.factories import FreelancerSkillFactory

pytestmark = pytest.mark.django_db


def freelancer_with(skill, headline="Backend developer", **user):
    person = FreelancerFactory(**user)
    person.freelancer_profile.headline = headline
    person.freelancer_profile.save()
    FreelancerSkillFactory(profile=person.freelancer_profile, skill=skill)
    return person


def found(client, **params):
    response = client.get(reverse("projects:talent-search"), params)
    assert response.status_code == 200
    return [profile.user for profile in response.context["page"]]


def test_search_by_skill_understands_aliases(client, employer, taxonomy):
    postgres = freelancer_with(taxonomy["postgresql"])
    freelancer_with(taxonomy["react"])
    client.force_login(employer)

    assert found(client, skill="postgres") == [postgres]
    assert found(client, skill="PostgreSQL") == [postgres]


def test_search_by_words_in_headline_or_skills(client, employer, taxonomy):
    writer = freelancer_with(taxonomy["copywriting"], headline="Copywriter for SaaS")
    coder = freelancer_with(taxonomy["django"], headline="Web developer")
    client.force_login(employer)

    assert found(client, q="saas") == [writer]
    assert found(client, q="django") == [coder]
    assert set(found(client)) == {writer, coder}


def test_suspended_freelancers_are_not_found_and_their_profile_is_404(client, employer, taxonomy):
    gone = freelancer_with(taxonomy["django"], is_active=False)
    client.force_login(employer)

    assert found(client, skill="Django") == []
    url = reverse("projects:freelancer-profile", args=[gone.pk])
    assert client.get(url).status_code == 404


def test_an_employer_has_no_freelancer_profile(client, freelancer, employer):
    client.force_login(freelancer)
    url = reverse("projects:freelancer-profile", args=[employer.pk])
    assert client.get(url).status_code == 404


def test_profile_shows_skills_portfolio_invite_and_report(client, employer, taxonomy):
    person = freelancer_with(taxonomy["kubernetes"], headline="Platform engineer")
    PortfolioItem.objects.create(profile=person.freelancer_profile, title="Cluster migration")
    client.force_login(employer)

    html = client.get(reverse("projects:freelancer-profile", args=[person.pk])).content.decode()

    assert "Platform engineer" in html
    assert "Kubernetes" in html
    assert "Cluster migration" in html
    assert reverse("projects:invite-create", args=[person.pk]) in html
    assert f"{reverse('projects:report-create')}?target=user&amp;id={person.pk}" in html


def test_freelancers_see_profiles_without_the_invite_button(client, freelancer, taxonomy):
    person = freelancer_with(taxonomy["django"])
    client.force_login(freelancer)

    html = client.get(reverse("projects:freelancer-profile", args=[person.pk])).content.decode()

    assert reverse("projects:invite-create", args=[person.pk]) not in html


def test_search_takes_the_same_queries_for_3_or_15_freelancers(client, employer, taxonomy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(employer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("projects:talent-search"))
        return len(captured)

    for _ in range(3):
        freelancer_with(taxonomy["django"])
    few = queries()
    for _ in range(12):
        freelancer_with(taxonomy["python"])
    assert queries() == few

"""What an employer learns of a freelancer: job success and published reviews, never blind ones."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from projects.models import Contract, Review
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    ProposalFactory,
    ReviewFactory,
)


def ended_contract(freelancer, days_ago):
    return ContractFactory(
        freelancer=freelancer,
        status=Contract.Status.COMPLETED,
        ended_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_public_profile_shows_job_success_and_only_published_reviews(client, db):
    freelancer = FreelancerFactory()
    # Both sides reviewed: published. Five stars.
    both = ended_contract(freelancer, days_ago=3)
    ReviewFactory(contract=both, text="Shipped early, clean code.")
    ReviewFactory(
        contract=both,
        author=freelancer,
        subject=both.employer,
        direction=Review.Direction.OF_EMPLOYER,
    )
    # Only the client reviewed, yesterday: still blind, so not shown and not counted.
    ReviewFactory(
        contract=ended_contract(freelancer, days_ago=1),
        text="Secret until the freelancer reviews too.",
        rating_quality=1,
        rating_communication=1,
        rating_timeliness=1,
    )
    client.force_login(EmployerFactory())

    page = client.get(reverse("projects:freelancer-profile", args=[freelancer.pk]))

    html = page.content.decode()
    assert "Shipped early, clean code." in html
    assert "Secret until the freelancer reviews too." not in html
    # Two contracts ended, one completed with a published review of 4+ stars: 50%.
    assert "50% job success" in html
    assert "Rated 4.7 of 5 by clients (1 review)" in html


def test_a_newcomer_is_introduced_as_new_not_as_zero_percent(client, db):
    freelancer = FreelancerFactory()
    client.force_login(EmployerFactory())

    html = client.get(reverse("projects:freelancer-profile", args=[freelancer.pk])).content
    assert b"New to Gigwise: no finished contracts yet." in html
    assert b"% job success" not in html


def test_the_employer_sees_the_record_on_a_proposal(client, db):
    proposal = ProposalFactory()
    ReviewFactory(contract=ended_contract(proposal.freelancer, days_ago=30))
    client.force_login(proposal.project.employer)

    html = client.get(reverse("projects:proposal-detail", args=[proposal.pk])).content.decode()
    assert "100% job success" in html

"""An employer's public record on the project page: projects posted, hires, visible reviews."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Contract, Project, Review
from projects.selectors.reputation import employer_reputation
from tests.factories import ContractFactory, EmployerFactory, ProjectFactory, ReviewFactory


def review_of(contract, **ratings):
    return ReviewFactory(
        contract=contract,
        author=contract.freelancer,
        subject=contract.employer,
        direction=Review.Direction.OF_EMPLOYER,
        **ratings,
    )


def ended(employer, days_ago):
    return ContractFactory(
        project=ProjectFactory(employer=employer, status=Project.Status.COMPLETED),
        status=Contract.Status.COMPLETED,
        ended_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_counts_published_projects_and_hires(db):
    employer = EmployerFactory()
    ProjectFactory(employer=employer)
    ProjectFactory(employer=employer, status=Project.Status.DRAFT, published_at=None)
    ContractFactory(project=ProjectFactory(employer=employer, status=Project.Status.IN_PROGRESS))
    ProjectFactory()  # somebody else's

    record = employer_reputation(user=employer)

    assert (
        record.projects_published,
        record.hires,
        record.review_count,
        record.average_rating,
    ) == (
        2,
        1,
        0,
        None,
    )


def test_reviews_are_double_blind(db):
    employer = EmployerFactory()
    # Both sides reviewed: visible at once.
    both = ended(employer, days_ago=1)
    review_of(both, rating_quality=5, rating_communication=5, rating_timeliness=5)
    ReviewFactory(contract=both)
    # Only the freelancer reviewed, two days ago: still hidden.
    review_of(
        ended(employer, days_ago=2), rating_quality=1, rating_communication=1, rating_timeliness=1
    )
    # Only the freelancer reviewed, but the blind period is over: visible.
    review_of(
        ended(employer, days_ago=Review.BLIND_DAYS + 1),
        rating_quality=3,
        rating_communication=3,
        rating_timeliness=3,
    )
    # A review the employer wrote about a freelancer does not count for the employer.
    ReviewFactory(contract=ended(employer, days_ago=30))

    record = employer_reputation(user=employer)

    assert record.review_count == 2
    assert record.average_rating == 4.0


def test_project_page_shows_the_record(client, db):
    employer = EmployerFactory()
    contract = ended(employer, days_ago=20)
    review_of(contract, rating_quality=4, rating_communication=5, rating_timeliness=3)
    project = ProjectFactory(employer=employer)

    page = client.get(reverse("projects:project-detail", args=[project.pk])).content.decode()
    signals = client.get(reverse("insights:client-signals", args=[project.pk])).content.decode()

    assert "2 projects posted" in page
    # Hires and reviews are said once, in the client signals, not again in other words above.
    both = page + signals
    assert both.count("Rated 4.0 of 5") == 1
    assert "Rated 4.0 of 5 in 1 review from freelancers" in signals
    assert "1 hire" not in page
    assert "hired on 1 of 1 project" in signals


def test_project_page_does_not_read_the_ledger(client, db):
    """The card shows no spend (the client signals do, converted), so it costs no ledger query."""
    employer = EmployerFactory()
    ended(employer, days_ago=20)
    project = ProjectFactory(employer=employer)

    with CaptureQueriesContext(connection) as page:
        response = client.get(reverse("projects:project-detail", args=[project.pk]))

    assert response.status_code == 200
    assert not [q for q in page.captured_queries if "ledgerentry" in q["sql"].lower()]


def test_project_page_says_one_hour_a_week_in_the_singular(client, db):
    project = ProjectFactory(duration_weeks=1, hours_per_week=1)
    page = client.get(reverse("projects:project-detail", args=[project.pk])).content.decode()
    assert "1 week, about 1 hour a week" in page

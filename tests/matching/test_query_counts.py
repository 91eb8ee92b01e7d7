"""The two matching pages cost the same number of queries however many people and projects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EmployerFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy


def queries_for(client, user, url) -> int:
    client.force_login(user)
    client.get(url)  # the first request loads the process's caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(owner, n: int) -> None:
    for i in range(n):
        freelancer_with(headline=f"Django developer {i}", skills=["Django", "Python"], rate=40)
        open_project(
            title=f"API work {i}",
            description="Django endpoints.",
            skills=["Django"],
            employer=owner,
        )


@pytest.mark.parametrize("page", ["feed", "talent"])
def test_query_count_does_not_grow_with_the_marketplace(client, db, page):
    small_taxonomy()
    owner = EmployerFactory()
    me = freelancer_with(headline="Django developer", skills=["Django"], rate=40)
    project = open_project(
        title="Booking API", description="Django.", skills=["Django"], employer=owner
    )
    user, url = (
        (me.user, reverse("matching:gig-feed"))
        if page == "feed"
        else (owner, reverse("matching:suggested-talent", args=[project.pk]))
    )
    grow(owner, 1)
    few = queries_for(client, user, url)
    grow(owner, 6)
    many = queries_for(client, user, url)
    assert many == few


def test_proposals_by_match_cost_the_same_for_two_or_eight_proposals(client, db):
    from tests.factories import ProposalFactory

    small_taxonomy()
    owner = EmployerFactory()
    project = open_project(
        title="Booking API", description="Django.", skills=["Django"], employer=owner
    )
    url = reverse("matching:proposals-by-match", args=[project.pk])

    def propose(n: int) -> None:
        for i in range(n):
            person = freelancer_with(headline=f"Django developer {i}", skills=["Django"], rate=40)
            ProposalFactory(project=project, freelancer=person.user)

    propose(2)
    few = queries_for(client, owner, url)
    propose(6)
    many = queries_for(client, owner, url)
    assert many == few

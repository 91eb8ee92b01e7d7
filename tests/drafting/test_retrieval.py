"""Evidence is ordered by meaning with the matching encoder, by words without it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import FreelancerProfile
from drafting.retrieval import evidence_retrieve
from drafting.services import proposal_draft_create
from matching.encoder import encoder_or_none
from projects.services.talent import portfolio_item_create
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import SkillFactory

pytestmark = pytest.mark.django_db


def _profile_with_two_works() -> FreelancerProfile:
    profile = freelancer_with(headline="Developer")
    portfolio_item_create(
        profile=profile,
        title="Smile Dentists scheduler",
        description="Patients pick a free slot with their dentist and get a reminder.",
    )
    portfolio_item_create(
        profile=profile,
        title="Poetry anthology",
        description="Translated sonnets from Portuguese into English verse.",
    )
    return profile


def test_the_closest_work_is_found_by_meaning_with_the_encoder():
    encoder = encoder_or_none()
    if encoder is None:
        pytest.skip("the all-MiniLM-L6-v2 package is not installed here")
    profile = _profile_with_two_works()
    # No word in common with the scheduler's text: only its meaning is close.
    project = open_project(
        title="Booking for an orthodontic practice", description="Online.", skills=["Hosting"]
    )
    retrieval = evidence_retrieve(profile=profile, project=project, encoder=encoder)
    assert retrieval.method == "semantic"
    assert retrieval.closest.title == "Smile Dentists scheduler"


def test_without_the_encoder_word_overlap_orders_the_work():
    profile = _profile_with_two_works()
    project = open_project(
        title="Translated sonnets wanted", description="Portuguese verse.", skills=["Hosting"]
    )
    retrieval = evidence_retrieve(profile=profile, project=project, encoder=None)
    assert retrieval.method == "keywords"
    assert retrieval.closest.title == "Poetry anthology"


def test_the_drafts_list_costs_the_same_queries_for_one_draft_or_many(
    client, no_encoder, django_assert_num_queries
):
    SkillFactory(name="Django")
    profile = freelancer_with(skills=["Django"])
    client.force_login(profile.user)

    def draft_one(n):
        project = open_project(title=f"Gig {n}", description="Django.", skills=["Django"])
        proposal_draft_create(freelancer=profile.user, project=project)

    draft_one(0)
    client.get(reverse("drafting:draft-list"))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("drafting:draft-list"))
    for n in range(1, 6):
        draft_one(n)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("drafting:draft-list"))

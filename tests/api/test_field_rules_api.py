"""The private values every role-matrix row checks for (tests/api/matrix.py `NOT_FOR`) are real:
those who may see them do, through the same endpoints, so the check can fail."""

import pytest
from django.urls import reverse

from tests.api.matrix import BID, COVER_LETTER, MIN_RATE, RATE, world_build


@pytest.mark.django_db
def test_the_planted_private_values_reach_those_who_may_see_them(client_for):
    world = world_build()
    owner, freelancer = client_for(world.employer), client_for(world.freelancer)
    proposals = owner.get(reverse("api:project-proposals", args=[world.project.pk]))
    assert BID in proposals.content.decode()
    assert COVER_LETTER in proposals.content.decode()
    profile = freelancer.get(reverse("api:me-freelancer-profile")).content.decode()
    assert MIN_RATE in profile
    assert RATE in profile
    # The employer has a contract with the freelancer: a client, who is shown the rate.
    talent = owner.get(reverse("api:freelancer-detail", args=[world.freelancer.pk])).json()
    assert talent["hourly_rate"] == RATE
    assert "min_rate" not in talent
    stranger = client_for(world.other_employer)
    hidden = stranger.get(reverse("api:freelancer-detail", args=[world.freelancer.pk])).json()
    assert hidden["hourly_rate"] is None

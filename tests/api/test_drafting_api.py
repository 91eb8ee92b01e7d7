"""/api/v1/drafts/: a freelancer's proposal drafts, by role, and what a client of the API sees."""

import pytest
from django.urls import reverse

from drafting.models import ProposalDraft
from drafting.services import TEXT_REQUIRED, proposal_draft_create
from projects.models import Job, Proposal
from tests.api import matrix
from tests.api.matrix import Row, codes, matrix_check, matrix_params

pytestmark = pytest.mark.django_db

_world_build = matrix.world_build


def drafting_world() -> matrix.World:
    """The matrix's world, plus the freelancer's draft for the open project."""
    world = _world_build()
    world.proposal_draft, _ = proposal_draft_create(
        freelancer=world.freelancer, project=world.project
    )
    return world


FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
OWN_ONLY = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
ROWS = [
    Row("api:proposal-draft-list", "get", expect=FREELANCERS),
    Row(
        "api:proposal-draft-create",
        "post",
        {"pk": "project"},
        # The freelancer has one already (200); the other freelancer gets a new one (201).
        expect=codes(403, anonymous=401, freelancer=200, other_freelancer=201),
    ),
    Row(
        "api:proposal-draft-create",
        "post",
        {"pk": "draft"},  # a project still in draft: nobody may propose on it
        expect=codes(403, anonymous=401, freelancer=404, other_freelancer=404),
    ),
    Row("api:proposal-draft-detail", "get", {"pk": "proposal_draft"}, expect=OWN_ONLY),
    Row(
        "api:proposal-draft-detail",
        "patch",
        {"pk": "proposal_draft"},
        expect=OWN_ONLY,
        body={"text": "My own words."},
    ),
    Row(
        "api:proposal-draft-detail",
        "delete",
        {"pk": "proposal_draft"},
        expect=codes(403, anonymous=401, freelancer=204, other_freelancer=404),
    ),
    Row("api:proposal-draft-regenerate", "post", {"pk": "proposal_draft"}, expect=OWN_ONLY),
    Row(
        "api:proposal-draft-redraft",
        "post",
        expect=codes(403, anonymous=401, freelancer=202, other_freelancer=202),
        body={},
    ),
]


@pytest.fixture(autouse=True)
def _no_encoder(monkeypatch):
    monkeypatch.setattr("drafting.services.encoder_or_none", lambda: None)


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_drafting_matrix(row, role, client_for, anon_client, monkeypatch):
    monkeypatch.setattr(matrix, "world_build", drafting_world)
    matrix_check(row, role, client_for, anon_client)


def test_a_draft_lists_its_sources_sections_and_bid(client_for):
    world = drafting_world()
    client = client_for(world.freelancer)
    body = client.get(
        reverse("api:proposal-draft-detail", kwargs={"pk": world.proposal_draft.pk})
    ).json()
    assert body["project"]["id"] == world.project.pk
    assert body["text"] == body["generated_text"]
    assert body["is_edited"] is False
    assert [s["skill"] for s in body["sections"]] == ["Django"]
    assert body["sections"][0]["has"] is False
    assert "I have not worked with it yet" in body["sections"][0]["sentence"]
    keys = {s["key"] for s in body["sources"]}
    assert set(body["sections"][0]["sources"]) <= keys
    assert body["suggested_bid"] == "2000.00"  # the middle of the fixed budget, 1000 to 3000
    assert "fixed budget" in body["bid_reason"]
    listed = client.get(reverse("api:proposal-draft-list")).json()
    assert listed["count"] == 1


def test_an_empty_text_is_refused_with_the_reason(client_for):
    world = drafting_world()
    client = client_for(world.freelancer)
    url = reverse("api:proposal-draft-detail", kwargs={"pk": world.proposal_draft.pk})
    response = client.patch(url, {"text": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["text"] == [TEXT_REQUIRED]
    assert ProposalDraft.objects.get(pk=world.proposal_draft.pk).is_edited is False


def test_nothing_is_sent_and_the_redraft_job_can_be_polled(client_for):
    world = drafting_world()
    client = client_for(world.freelancer)
    proposals = Proposal.objects.count()
    response = client.post(reverse("api:proposal-draft-redraft"), {}, format="json")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    polled = client.get(reverse("api:job-detail", kwargs={"pk": job.pk})).json()
    assert polled["kind"] == "drafting.redraft"
    assert Proposal.objects.count() == proposals


def test_an_employer_is_told_drafts_are_for_freelancers(client_for):
    world = drafting_world()
    response = client_for(world.employer).get(reverse("api:proposal-draft-list"))
    assert response.status_code == 403
    assert response.json()["detail"] == "Only freelancer accounts can do this."

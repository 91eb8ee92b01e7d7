"""/api/v1/proposals/: freelancers send, edit and withdraw; the project's owner decides, hires."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Contract, Notification, NotificationKind, Project, Proposal
from projects.services.proposals import DUPLICATE_PROPOSAL
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    ProjectFactory,
    ProposalFactory,
)

TERMS = {
    "cover_letter": "I built two booking systems in Django; I would start with the data model.",
    "bid_amount": "2500.00",
    "estimated_duration_weeks": 5,
}
FREELANCER_ONLY = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
OWNER_ONLY = codes(403, anonymous=401, employer=200, other_employer=404)


def _today(world) -> dict:
    return {"start_date": timezone.localdate().isoformat(), "terms": "Weekly demo on Fridays."}


ROWS = [
    Row("api:project-proposals", "get", {"pk": "project"}, expect=OWNER_ONLY),
    # The freelancer already has a live proposal on it; the other one was invited.
    Row(
        "api:project-proposals",
        "post",
        {"pk": "project"},
        codes(403, anonymous=401, freelancer=400, other_freelancer=201),
        TERMS,
    ),
    Row(
        "api:proposal-list",
        "get",
        expect=codes(403, anonymous=401, freelancer=200, other_freelancer=200),
    ),
    Row(
        "api:proposal-detail",
        "get",
        {"pk": "proposal"},
        expect=codes(404, anonymous=401, freelancer=200, employer=200),
    ),
    Row(
        "api:proposal-detail",
        "patch",
        {"pk": "proposal"},
        FREELANCER_ONLY,
        {"cover_letter": "A sharper letter."},
    ),
    Row("api:proposal-withdraw", "post", {"pk": "proposal"}, expect=FREELANCER_ONLY),
    Row("api:proposal-shortlist", "post", {"pk": "proposal"}, expect=OWNER_ONLY),
    Row("api:proposal-unshortlist", "post", {"pk": "proposal"}, expect=OWNER_ONLY),
    Row("api:proposal-archive", "post", {"pk": "proposal"}, expect=OWNER_ONLY),
    # A submitted proposal is not archived: the owner is told so.
    Row(
        "api:proposal-unarchive", "post", {"pk": "proposal"}, expect={**OWNER_ONLY, "employer": 400}
    ),
    Row(
        "api:proposal-decline",
        "post",
        {"pk": "proposal"},
        OWNER_ONLY,
        {"reason": "We chose a smaller scope."},
    ),
    Row("api:proposal-hire", "post", {"pk": "proposal"}, {**OWNER_ONLY, "employer": 201}, _today),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def _results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _submit(client, project, **changes):
    return client.post(reverse("api:project-proposals", args=[project.pk]), TERMS | changes)


# --- Sending -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_sent_proposal_reaches_the_owners_list_and_inbox(client_for):
    project = ProjectFactory()
    freelancer = FreelancerFactory()
    sent = _submit(client_for(freelancer), project)
    assert sent.status_code == 201, sent.content
    assert sent.json()["status"] == "submitted"
    assert sent.json()["currency"] == project.currency
    owner = client_for(project.employer)
    listed = _results(owner.get(reverse("api:project-proposals", args=[project.pk])))
    assert [(p["id"], p["freelancer"]["id"]) for p in listed] == [
        (sent.json()["id"], freelancer.pk)
    ]
    assert listed[0]["cover_letter"] == TERMS["cover_letter"]
    assert Notification.objects.filter(
        user=project.employer, kind=NotificationKind.PROPOSAL_RECEIVED
    ).exists()
    mine = _results(client_for(freelancer).get(reverse("api:proposal-list")))
    assert [p["project"]["title"] for p in mine] == [project.title]


@pytest.mark.django_db
def test_a_second_proposal_on_the_same_project_is_refused_with_what_to_do(client_for):
    project = ProjectFactory()
    client = client_for(FreelancerFactory())
    assert _submit(client, project).status_code == 201
    again = _submit(client, project, bid_amount="1900")
    assert again.status_code == 400
    assert again.json()["detail"] == DUPLICATE_PROPOSAL
    assert Proposal.objects.filter(project=project).count() == 1


@pytest.mark.django_db
def test_screening_questions_each_need_an_answer(client_for):
    project = ProjectFactory(screening_questions=["Your stack?", "Earliest start?"])
    client = client_for(FreelancerFactory())
    missing = _submit(client, project)
    assert missing.status_code == 400
    assert list(missing.json()["fields"]) == ["answers"]
    blank = _submit(client, project, answers=["Django", " "])
    assert blank.status_code == 400
    assert blank.json()["fields"] == {
        "answers.1": ["Answer this question; the client asks every applicant."]
    }
    sent = _submit(client, project, answers=["Django", "Monday"])
    assert sent.status_code == 201
    assert sent.json()["answers"] == [
        {"question": "Your stack?", "answer": "Django"},
        {"question": "Earliest start?", "answer": "Monday"},
    ]


@pytest.mark.django_db
def test_bad_terms_are_named_with_the_web_forms_words(client_for):
    project = ProjectFactory(budget_type="hourly")
    response = _submit(
        client_for(FreelancerFactory()),
        project,
        bid_amount="0",
        estimated_duration_weeks=500,
        cover_letter="",
        currency="XYZ",
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["bid_amount"] == ["Your hourly rate must be more than zero."]
    assert fields["estimated_duration_weeks"] == ["Estimate the duration in weeks, from 1 to 104."]
    assert set(fields) == {"bid_amount", "estimated_duration_weeks", "cover_letter", "currency"}


@pytest.mark.django_db
def test_a_project_the_freelancer_may_not_propose_on_is_404(client_for):
    client = client_for(FreelancerFactory())
    for project in (
        ProjectFactory(status=Project.Status.DRAFT),
        ProjectFactory(status=Project.Status.CLOSED),
        ProjectFactory(visibility=Project.Visibility.INVITE_ONLY),
        ProjectFactory(is_hidden=True),
    ):
        assert _submit(client, project).status_code == 404


# --- Reading and editing -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_owner_opening_it_marks_it_viewed_and_ends_editing(client_for):
    proposal = ProposalFactory()
    freelancer = client_for(proposal.freelancer)
    url = reverse("api:proposal-detail", args=[proposal.pk])
    before = freelancer.get(url).json()
    assert (before["is_editable"], before["viewed_at"], before["freelancer_reputation"]) == (
        True,
        None,
        None,
    )
    owner_view = client_for(proposal.project.employer).get(url).json()
    assert owner_view["freelancer_reputation"]["contracts_completed"] == 0
    after = freelancer.get(url).json()
    assert after["is_editable"] is False
    assert after["viewed_at"] is not None
    refused = freelancer.patch(url, {"bid_amount": "100"})
    assert refused.status_code == 400
    assert "already opened" in refused.json()["detail"]


@pytest.mark.django_db
def test_patch_changes_only_the_terms_it_names(client_for):
    proposal = ProposalFactory()
    url = reverse("api:proposal-detail", args=[proposal.pk])
    response = client_for(proposal.freelancer).patch(url, {"bid_amount": "1800"})
    assert response.status_code == 200, response.content
    assert (response.json()["bid_amount"], response.json()["cover_letter"]) == (
        "1800.00",
        proposal.cover_letter,
    )


@pytest.mark.django_db
def test_my_proposals_filter_by_status_and_refuse_an_unknown_one(client_for):
    freelancer = FreelancerFactory()
    ProposalFactory(freelancer=freelancer, project=ProjectFactory(title="Live"))
    ProposalFactory(
        freelancer=freelancer,
        project=ProjectFactory(title="Gone"),
        status=Proposal.Status.WITHDRAWN,
    )
    client = client_for(freelancer)
    url = reverse("api:proposal-list")
    assert [p["project"]["title"] for p in _results(client.get(url, {"status": "withdrawn"}))] == [
        "Gone"
    ]
    for bad in ("archived", "lost"):
        response = client.get(url, {"status": bad})
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["status"]


@pytest.mark.django_db
def test_withdrawing_takes_it_off_the_owners_list(client_for):
    proposal = ProposalFactory()
    response = client_for(proposal.freelancer).post(
        reverse("api:proposal-withdraw", args=[proposal.pk])
    )
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    owner = client_for(proposal.project.employer)
    url = reverse("api:project-proposals", args=[proposal.project.pk])
    assert _results(owner.get(url)) == []
    assert len(_results(owner.get(url, {"status": "withdrawn"}))) == 1


# --- The owner's decisions -----------------------------------------------------------------------


@pytest.mark.django_db
def test_shortlisting_shows_in_the_owners_list_and_web_page_and_tells_the_freelancer(
    client_for, client
):
    proposal = ProposalFactory()
    ProposalFactory(project=proposal.project)
    employer = proposal.project.employer
    owner = client_for(employer)
    response = owner.post(reverse("api:proposal-shortlist", args=[proposal.pk]))
    assert response.status_code == 200
    assert response.json()["is_shortlisted"] is True
    url = reverse("api:project-proposals", args=[proposal.project.pk])
    shortlisted = _results(owner.get(url, {"shortlisted": "true"}))
    assert [p["id"] for p in shortlisted] == [proposal.pk]
    assert Notification.objects.filter(
        user=proposal.freelancer, kind=NotificationKind.PROPOSAL_SHORTLISTED
    ).exists()
    client.force_login(employer)
    web = client.get(reverse("projects:project-proposals", args=[proposal.project.pk]))
    assert "Shortlisted</span>" in web.text
    owner.post(reverse("api:proposal-unshortlist", args=[proposal.pk]))
    assert _results(owner.get(url, {"shortlisted": "true"})) == []


@pytest.mark.django_db
def test_an_archived_proposal_still_looks_submitted_to_its_freelancer(client_for):
    proposal = ProposalFactory()
    owner = client_for(proposal.project.employer)
    archived = owner.post(reverse("api:proposal-archive", args=[proposal.pk]))
    assert archived.json()["status"] == "archived"
    detail = reverse("api:proposal-detail", args=[proposal.pk])
    assert client_for(proposal.freelancer).get(detail).json()["status"] == "submitted"
    mine = _results(client_for(proposal.freelancer).get(reverse("api:proposal-list")))
    assert mine[0]["status"] == "submitted"
    restored = owner.post(reverse("api:proposal-unarchive", args=[proposal.pk]))
    assert restored.json()["status"] == "submitted"


@pytest.mark.django_db
def test_declining_gives_the_freelancer_the_reason_on_the_web_too(client_for, client):
    proposal = ProposalFactory()
    owner = client_for(proposal.project.employer)
    url = reverse("api:proposal-decline", args=[proposal.pk])
    too_long = owner.post(url, {"reason": "x" * 501})
    assert too_long.status_code == 400
    assert list(too_long.json()["fields"]) == ["reason"]
    declined = owner.post(url, {"reason": "We chose a smaller scope."})
    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    seen = client_for(proposal.freelancer).get(reverse("api:proposal-detail", args=[proposal.pk]))
    assert seen.json()["decline_reason"] == "We chose a smaller scope."
    client.force_login(proposal.freelancer)
    web = client.get(reverse("projects:proposal-detail", args=[proposal.pk]))
    assert "We chose a smaller scope." in web.text
    again = owner.post(url)
    assert again.status_code == 400
    assert again.json()["detail"] == "This proposal is already declined."


@pytest.mark.django_db
def test_hiring_starts_a_contract_and_declines_the_others(client_for, client):
    proposal = ProposalFactory()
    other = ProposalFactory(project=proposal.project)
    owner = client_for(proposal.project.employer)
    url = reverse("api:proposal-hire", args=[proposal.pk])
    past = owner.post(
        url, {"start_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat()}
    )
    assert past.status_code == 400
    assert past.json()["fields"] == {"start_date": ["The start date cannot be in the past."]}
    hired = owner.post(url, _today(None))
    assert hired.status_code == 201, hired.content
    contract = Contract.objects.get(proposal=proposal)
    assert hired.json()["contract_id"] == contract.pk
    assert hired.json()["contract_url"].endswith(f"/api/v1/contracts/{contract.pk}/")
    assert contract.terms == "Weekly demo on Fridays."
    proposal.project.refresh_from_db()
    other.refresh_from_db()
    assert proposal.project.status == Project.Status.IN_PROGRESS
    assert other.status == Proposal.Status.DECLINED
    client.force_login(proposal.freelancer)
    assert "Hired</span>" in client.get(reverse("projects:my-proposals")).text
    again = owner.post(reverse("api:proposal-hire", args=[other.pk]), _today(None))
    assert again.status_code == 400
    assert again.json()["detail"] == "Someone has already been hired on this project."


@pytest.mark.django_db
def test_the_freelancer_cannot_withdraw_once_hired(client_for):
    proposal = ProposalFactory(status=Proposal.Status.HIRED)
    response = client_for(proposal.freelancer).post(
        reverse("api:proposal-withdraw", args=[proposal.pk])
    )
    assert response.status_code == 400
    assert "hired" in response.json()["detail"]


@pytest.mark.django_db
def test_the_owners_list_refuses_an_unknown_sort_or_status(client_for):
    project = ProjectFactory()
    url = reverse("api:project-proposals", args=[project.pk])
    client = client_for(project.employer)
    for query, field in (({"sort": "cheapest"}, "sort"), ({"status": "lost"}, "status")):
        response = client.get(url, query)
        assert response.status_code == 400
        assert list(response.json()["fields"]) == [field]
    ProposalFactory(project=project, bid_amount="900")
    ProposalFactory(project=project, bid_amount="1900")
    lowest = _results(client.get(url, {"sort": "lowest"}))
    assert [p["bid_amount"] for p in lowest] == ["900.00", "1900.00"]


# --- Constant queries ----------------------------------------------------------------------------


def _queries(client, url, query=None) -> int:
    client.get(url, query)  # the token's first use is recorded once; leave it out of the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_owners_list_takes_the_same_queries_for_2_or_6_proposals(client_for):
    project = ProjectFactory(screening_questions=["Your stack?"])
    client = client_for(project.employer)
    url = reverse("api:project-proposals", args=[project.pk])
    ProposalFactory.create_batch(2, project=project, answers=["Django"])
    few = _queries(client, url)
    ProposalFactory.create_batch(4, project=project, answers=["Django"])
    assert _queries(client, url) == few
    assert len(_results(client.get(url))) == 6


@pytest.mark.django_db
def test_my_proposals_take_the_same_queries_for_2_or_6_rows(client_for):
    freelancer = FreelancerFactory()
    client = client_for(freelancer)
    url = reverse("api:proposal-list")
    for _ in range(2):
        ProposalFactory(freelancer=freelancer)
    few = _queries(client, url)
    for _ in range(4):
        ProposalFactory(freelancer=freelancer, project=ProjectFactory(employer=EmployerFactory()))
    assert _queries(client, url) == few


@pytest.mark.django_db
def test_an_invited_freelancer_may_propose_on_an_invite_only_project(client_for):
    project = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)
    invite = InviteFactory(project=project)
    assert _submit(client_for(invite.freelancer), project).status_code == 201
    invite.refresh_from_db()
    assert invite.status == "accepted"

"""Proposal pages: every URL for every role, bad input kept on the form, constant query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Contract, Project, Proposal, ShortlistEntry
from tests.factories import (
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    ProjectFactory,
    ProposalFactory,
    ShortlistEntryFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db
SECRET_LETTER = "My private cover letter mentions the word pomegranate."
ROLES = ["anonymous", "author", "other_freelancer", "owner", "other_employer", "staff"]
LOGIN, OK, REDIRECT, NOT_FOUND, DASHBOARD = "login", 200, 302, 404, "dashboard"


@pytest.fixture
def world():
    project = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)
    author = FreelancerFactory()
    InviteFactory(project=project, freelancer=author)
    invite = InviteFactory(freelancer=author)
    proposal = ProposalFactory(project=project, freelancer=author, cover_letter=SECRET_LETTER)
    return {
        "project": project,
        "proposal": proposal,
        "invite": invite,
        "users": {
            "anonymous": None,
            "author": author,
            "other_freelancer": FreelancerFactory(),
            "owner": project.employer,
            "other_employer": EmployerFactory(),
            "staff": StaffFactory(),
        },
    }


# (url name, which object's pk, method, expected per role in ROLES order)
MATRIX = [
    (
        "proposal-submit",
        "fresh_project",
        "get",
        [LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, DASHBOARD],
    ),
    (
        "project-proposals",
        "project",
        "get",
        [LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, DASHBOARD],
    ),
    ("proposal-detail", "proposal", "get", [LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND]),
    ("proposal-edit", "proposal", "get", [LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, DASHBOARD]),
    (
        "proposal-withdraw",
        "proposal",
        "post",
        [LOGIN, REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, DASHBOARD],
    ),
    ("proposal-hire", "proposal", "get", [LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, DASHBOARD]),
    (
        "proposal-decline",
        "proposal",
        "post",
        [LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, NOT_FOUND, DASHBOARD],
    ),
    (
        "proposal-shortlist",
        "proposal",
        "post",
        [LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, NOT_FOUND, DASHBOARD],
    ),
    (
        "proposal-unshortlist",
        "proposal",
        "post",
        [LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, NOT_FOUND, DASHBOARD],
    ),
    (
        "proposal-archive",
        "proposal",
        "post",
        [LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, NOT_FOUND, DASHBOARD],
    ),
    (
        "proposal-unarchive",
        "proposal",
        "post",
        [LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, NOT_FOUND, DASHBOARD],
    ),
    ("my-proposals", None, "get", [LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, DASHBOARD]),
    (
        "invite-decline",
        "invite",
        "post",
        [LOGIN, REDIRECT, NOT_FOUND, NOT_FOUND, NOT_FOUND, DASHBOARD],
    ),
    ("freelancer-profile", "author", "get", [LOGIN, OK, OK, OK, OK, OK]),
    ("invite-create", "author", "get", [LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, DASHBOARD]),
    ("talent-search", None, "get", [LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, DASHBOARD]),
]
CASES = [
    pytest.param(name, obj, method, role, expected, id=f"{name}-{role}")
    for name, obj, method, expectations in MATRIX
    for role, expected in zip(ROLES, expectations, strict=True)
]


@pytest.mark.parametrize(("name", "obj", "method", "role", "expected"), CASES)
def test_every_url_for_every_role(client, world, name, obj, method, role, expected):
    if obj == "fresh_project":
        # The author may propose on another project they were invited to; nobody else may.
        fresh = ProjectFactory(visibility=Project.Visibility.INVITE_ONLY)
        InviteFactory(project=fresh, freelancer=world["users"]["author"])
        args = [fresh.pk]
    elif obj == "author":
        args = [world["users"]["author"].pk]
    elif obj:
        args = [world[obj].pk]
    else:
        args = []
    user = world["users"][role]
    if user:
        client.force_login(user)

    response = getattr(client, method)(reverse(f"projects:{name}", args=args))

    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif expected == DASHBOARD:
        assert response.status_code == 302
        assert response.url == reverse("projects:dashboard")
    else:
        assert response.status_code == expected
    if expected == NOT_FOUND:
        assert "pomegranate" not in response.content.decode()


# --- submit -------------------------------------------------------------------------------------
def form_data(**changes):
    data = {
        "cover_letter": "Typed cover letter that must survive an error.",
        "bid_amount": "1500",
        "currency": "USD",
        "estimated_duration_weeks": "4",
        "answer_0": "Django 5.2",
    }
    return data | changes


@pytest.fixture
def open_project():
    return ProjectFactory(screening_questions=["Which Django version do you use?"])


def test_the_form_shows_the_budget_type_and_one_textarea_per_question(client, freelancer):
    project = ProjectFactory(budget_type="hourly", screening_questions=["One?", "Two?"])
    client.force_login(freelancer)

    html = client.get(reverse("projects:proposal-submit", args=[project.pk])).content.decode()

    assert "Your hourly rate" in html
    assert 'name="answer_0"' in html
    assert 'name="answer_1"' in html
    assert "Two?" in html


@pytest.mark.parametrize(
    ("low", "high", "kind", "said"),
    [
        ("50", "50", "hourly", "The client's budget: 50 USD an hour."),
        ("1000", "3000.50", "fixed", "The client's budget: 1,000\u20133,000.50 USD fixed price."),
    ],
)
def test_the_bid_help_gives_the_budget_as_the_project_page_does(
    client, freelancer, low, high, kind, said
):
    # Before: "The client's budget: 50.00 to 50.00 USD an hour."
    project = ProjectFactory(
        budget_type=kind, budget_min=Decimal(low), budget_max=Decimal(high), currency="USD"
    )
    client.force_login(freelancer)
    html = client.get(reverse("projects:proposal-submit", args=[project.pk])).content.decode()
    assert said in html


def test_submit_from_the_page(client, freelancer, open_project):
    client.force_login(freelancer)

    response = client.post(reverse("projects:proposal-submit", args=[open_project.pk]), form_data())

    proposal = Proposal.objects.get()
    assert response.url == reverse("projects:proposal-detail", args=[proposal.pk])
    assert proposal.answers == ["Django 5.2"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"bid_amount": "0"}, "Your fixed price must be more than zero."),
        ({"bid_amount": "-20"}, "Your fixed price must be more than zero."),
        ({"answer_0": ""}, "Answer this question; the client asks every applicant."),
        ({"estimated_duration_weeks": "0"}, "Estimate the duration in weeks, from 1 to 104."),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_typed_text_kept(
    client, freelancer, open_project, changes, message
):
    client.force_login(freelancer)

    response = client.post(
        reverse("projects:proposal-submit", args=[open_project.pk]), form_data(**changes)
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Typed cover letter that must survive an error." in html
    assert not Proposal.objects.exists()


def test_every_bad_field_is_named_at_once(client, freelancer, open_project):
    client.force_login(freelancer)

    response = client.post(
        reverse("projects:proposal-submit", args=[open_project.pk]),
        form_data(bid_amount="0", answer_0="", estimated_duration_weeks="200"),
    )

    form = response.context["form"]
    assert set(form.errors) == {"bid_amount", "answer_0", "estimated_duration_weeks"}


def test_a_duplicate_from_the_page_says_what_to_do(client, freelancer, open_project):
    ProposalFactory(project=open_project, freelancer=freelancer)
    client.force_login(freelancer)

    response = client.post(reverse("projects:proposal-submit", args=[open_project.pk]), form_data())

    assert "edit or withdraw it instead" in response.content.decode()
    assert Proposal.objects.count() == 1


def test_a_closed_project_answers_404_to_freelancers(client, freelancer):
    project = ProjectFactory(status=Project.Status.CLOSED)
    client.force_login(freelancer)
    url = reverse("projects:proposal-submit", args=[project.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404


# --- detail, edit, withdraw ---------------------------------------------------------------------
def test_opening_as_the_owner_marks_viewed_and_ends_editing(client):
    proposal = ProposalFactory()
    client.force_login(proposal.freelancer)
    client.get(reverse("projects:proposal-detail", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.viewed_at is None

    client.force_login(proposal.project.employer)
    client.get(reverse("projects:proposal-detail", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.viewed_at is not None

    client.force_login(proposal.freelancer)
    response = client.post(
        reverse("projects:proposal-edit", args=[proposal.pk]),
        form_data(cover_letter="Edited after view"),
    )
    assert "already opened this proposal" in response.content.decode()
    assert "Edited after view" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.cover_letter != "Edited after view"


def test_withdraw_after_hire_shows_a_page_message(client):
    proposal = ProposalFactory(status=Proposal.Status.HIRED)
    client.force_login(proposal.freelancer)

    response = client.post(reverse("projects:proposal-withdraw", args=[proposal.pk]), follow=True)

    assert "can no longer be withdrawn" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.HIRED


# --- the employer's side ------------------------------------------------------------------------
def test_owner_shortlists_archives_and_declines_from_the_pages(client):
    proposal = ProposalFactory()
    client.force_login(proposal.project.employer)

    client.post(reverse("projects:proposal-shortlist", args=[proposal.pk]))
    assert ShortlistEntry.objects.filter(freelancer=proposal.freelancer).exists()
    client.post(reverse("projects:proposal-archive", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ARCHIVED
    client.post(
        reverse("projects:proposal-decline", args=[proposal.pk]), {"reason": "Too far away"}
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == (
        Proposal.Status.DECLINED,
        "Too far away",
    )


def test_a_too_long_decline_reason_is_kept_on_the_page(client):
    proposal = ProposalFactory()
    client.force_login(proposal.project.employer)

    response = client.post(
        reverse("projects:proposal-decline", args=[proposal.pk]), {"reason": "x" * 501}
    )

    assert response.status_code == 200
    assert "Keep the reason under 500 characters." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_hire_from_the_page(client):
    proposal = ProposalFactory()
    client.force_login(proposal.project.employer)
    start = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    response = client.post(
        reverse("projects:proposal-hire", args=[proposal.pk]),
        {"start_date": start, "terms": "Weekly calls"},
    )

    assert response.status_code == 302
    contract = Contract.objects.get()
    assert (contract.terms, contract.amount) == ("Weekly calls", proposal.bid_amount)


def test_hire_with_a_past_date_keeps_the_terms(client):
    proposal = ProposalFactory()
    client.force_login(proposal.project.employer)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()

    response = client.post(
        reverse("projects:proposal-hire", args=[proposal.pk]),
        {"start_date": past, "terms": "Weekly calls"},
    )

    html = response.content.decode()
    assert "The start date cannot be in the past." in html
    assert "Weekly calls" in html
    assert not Contract.objects.exists()


def test_hiring_a_withdrawn_proposal_from_the_page_says_why(client):
    proposal = ProposalFactory(status=Proposal.Status.WITHDRAWN)
    client.force_login(proposal.project.employer)

    response = client.post(
        reverse("projects:proposal-hire", args=[proposal.pk]),
        {"start_date": timezone.localdate().isoformat()},
    )

    assert "withdrew this proposal" in response.content.decode()
    assert not Contract.objects.exists()


def test_sort_and_filter(client):
    project = ProjectFactory()
    cheap = ProposalFactory(project=project, bid_amount=Decimal("100"))
    dear = ProposalFactory(project=project, bid_amount=Decimal("900"))
    middle = ProposalFactory(project=project, bid_amount=Decimal("500"))
    ProposalFactory(project=project, status=Proposal.Status.WITHDRAWN)
    ShortlistEntryFactory(project=project, freelancer=middle.freelancer)
    client.force_login(project.employer)
    url = reverse("projects:project-proposals", args=[project.pk])

    def listed(**params):
        return list(client.get(url, params).context["proposals"])

    assert listed(sort="lowest") == [cheap, middle, dear]
    assert listed(sort="highest") == [dear, middle, cheap]
    assert listed() == [middle, dear, cheap]
    assert listed(shortlisted="on") == [middle]
    assert [p.status for p in listed(status="withdrawn")] == [Proposal.Status.WITHDRAWN]


# --- query counts -------------------------------------------------------------------------------
def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_owners_list_takes_the_same_queries_for_3_or_15_proposals(client):
    project = ProjectFactory()
    client.force_login(project.employer)
    url = reverse("projects:project-proposals", args=[project.pk])
    ProposalFactory.create_batch(3, project=project)
    few = count_queries(client, url)
    ProposalFactory.create_batch(12, project=project)
    many = count_queries(client, url)
    assert few == many


def test_my_proposals_takes_the_same_queries_for_3_or_15_rows(client, freelancer):
    client.force_login(freelancer)
    url = reverse("projects:my-proposals")
    ProposalFactory.create_batch(3, freelancer=freelancer)
    InviteFactory.create_batch(3, freelancer=freelancer)
    few = count_queries(client, url)
    ProposalFactory.create_batch(12, freelancer=freelancer)
    InviteFactory.create_batch(12, freelancer=freelancer)
    many = count_queries(client, url)
    assert few == many

"""Drafting as a freelancer sees it: the button, the draft with its sources, gaps and bid, editing,
and sending it through the proposal form."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from drafting.models import ProposalDraft
from drafting.services import TEXT_REQUIRED, proposal_draft_create
from insights.models import RateStat
from matching.models import SkillRelation
from projects.models import Contract, FreelancerSkill, Proposal
from projects.services.talent import portfolio_item_create
from tests.factories import ContractFactory, EmployerFactory, ProjectFactory, ReviewFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(no_encoder):
    """A Django developer with a portfolio item and a reviewed contract; a Django/Kubernetes gig."""
    django, docker, kubernetes = (SkillFactory(name=n) for n in ("Django", "Docker", "Kubernetes"))
    profile = freelancer_with(
        headline="Backend developer", skills=["Django", "Docker"], rate=60, years=8,
        first_name="Ada",
    )  # fmt: skip
    FreelancerSkill.objects.filter(profile=profile, skill=django).update(years=6)
    FreelancerSkill.objects.filter(profile=profile, skill=docker).update(years=2)
    portfolio_item_create(
        profile=profile, title="Clinic booking API", description="Appointments.", skills=[django]
    )
    client = EmployerFactory()
    client.employer_profile.company_name = "Northwind Traders"
    client.employer_profile.save()
    past = ProjectFactory(employer=client, title="Shop backend", status="completed")
    past.skills.create(skill=django)
    contract = ContractFactory(
        project=past,
        freelancer=profile.user,
        title="Shop backend",
        status=Contract.Status.COMPLETED,
        ended_at=timezone.now() - dt.timedelta(days=60),
    )
    ReviewFactory(contract=contract, text="Delivered early and explained every choice. Again!")
    SkillRelation.objects.create(skill=kubernetes, related=docker, strength=0.6, together=9)
    SkillRelation.objects.create(skill=docker, related=kubernetes, strength=0.6, together=9)
    project = open_project(
        title="Clinic scheduling platform",
        description="A Django service deployed on Kubernetes.",
        skills=["Django", "Kubernetes"],
        budget=(40, 90),
    )
    return {"profile": profile, "user": profile.user, "project": project, "contract": contract}


@pytest.fixture
def drafter(client, market):
    client.force_login(market["user"])
    return client


def _draft(drafter, project) -> ProposalDraft:
    response = drafter.post(reverse("drafting:draft-create", args=[project.pk]))
    assert response.status_code == 302
    return ProposalDraft.objects.get(project=project)


def test_the_project_page_offers_freelancers_a_draft(drafter, market):
    page = drafter.get(reverse("projects:project-detail", args=[market["project"].pk]))
    html = page.content.decode()
    assert "Draft a proposal" in html
    assert reverse("drafting:draft-create", args=[market["project"].pk]) in html


def test_employers_see_no_draft_button(client, market):
    client.force_login(EmployerFactory())
    html = client.get(reverse("projects:project-detail", args=[market["project"].pk])).content
    assert b"Draft a proposal" not in html


def test_the_draft_addresses_each_skill_with_evidence_and_says_what_is_lacking(drafter, market):
    draft = _draft(drafter, market["project"])
    text = draft.text
    assert "Django: 6 years of experience" in text
    assert "my portfolio item “Clinic booking API”" in text
    assert "the contract “Shop backend” for Northwind Traders" in text
    assert "The client wrote: “Delivered early and explained every choice.”" in text
    assert "Kubernetes (required): I have not worked with it yet." in text
    assert "The closest skill I have is Docker (2 years)." in text
    assert text.rstrip().endswith("Ada")
    assert [gap["skill"] for gap in draft.gaps] == ["Kubernetes"]


def test_the_draft_page_shows_sources_gaps_and_the_bid_with_its_reason(drafter, market):
    RateStat.objects.create(
        skill=SkillFactory(name="Django"), level="intermediate", contracts=12, asking=4,
        p25=Decimal(50), p50=Decimal(65), p75=Decimal(80),
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
    )  # fmt: skip
    draft = _draft(drafter, market["project"])
    html = drafter.get(reverse("drafting:draft-detail", args=[draft.pk])).content.decode()
    assert "Sources" in html
    assert "Portfolio item “Clinic booking API”" in html
    assert reverse("projects:contract-detail", args=[market["contract"].pk]) in html
    assert "What you lack for this project" in html
    assert "Kubernetes (required): I have not worked with it yet." in html
    # Their own rate (60) is within the middle half of Django rates (50 to 80): it is kept.
    assert draft.suggested_bid == Decimal(60)
    assert "60.00 USD an hour" in html
    assert "within the middle half of rates for Django" in html
    assert "Based on 12 contracts" in html
    assert "Nothing is sent until you press" in html


def test_the_proposal_form_on_the_draft_page_is_filled_and_posts_to_the_proposal_view(
    drafter, market
):
    draft = _draft(drafter, market["project"])
    html = drafter.get(reverse("drafting:draft-detail", args=[draft.pk])).content.decode()
    assert f'action="{reverse("projects:proposal-submit", args=[market["project"].pk])}"' in html
    assert "I have not worked with it yet." in html  # inside the cover-letter box
    assert 'name="bid_amount"' in html
    assert 'value="60.00"' in html
    assert Proposal.objects.count() == 0  # drafting sent nothing


def test_the_freelancer_edits_then_sends_the_draft_as_a_proposal(drafter, market):
    project = market["project"]
    draft = _draft(drafter, project)
    edited = "Hello, I am Ada. I have built Django services for six years."
    response = drafter.post(
        reverse("drafting:draft-update", args=[draft.pk]),
        {"cover_letter": edited, "bid_amount": "60", "currency": "USD"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.text == edited
    assert draft.is_edited
    assert Proposal.objects.count() == 0
    response = drafter.post(
        reverse("projects:proposal-submit", args=[project.pk]),
        {"cover_letter": draft.text, "bid_amount": "60", "currency": "USD",
         "estimated_duration_weeks": "6"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Proposal.objects.get(project=project).cover_letter == edited
    page = drafter.get(reverse("drafting:draft-detail", args=[draft.pk])).content.decode()
    assert "You already sent a proposal on this project" in page


def test_an_empty_letter_is_refused_and_everything_typed_is_kept(drafter, market):
    draft = _draft(drafter, market["project"])
    response = drafter.post(
        reverse("drafting:draft-update", args=[draft.pk]),
        {"cover_letter": "   ", "bid_amount": "77", "estimated_duration_weeks": "9"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert TEXT_REQUIRED in html
    assert 'value="77"' in html
    assert 'value="9"' in html
    draft.refresh_from_db()
    assert draft.text == draft.generated_text  # unchanged


def test_a_letter_saved_untouched_from_a_browser_is_not_counted_as_edited(drafter, market):
    draft = _draft(drafter, market["project"])
    as_posted = draft.text.replace("\n", "\r\n")  # how browsers send a textarea's lines
    response = drafter.post(
        reverse("drafting:draft-update", args=[draft.pk]), {"cover_letter": as_posted}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "\r" not in draft.text
    assert not draft.is_edited


def test_a_second_click_opens_the_same_draft_and_keeps_the_edits(drafter, market):
    draft = _draft(drafter, market["project"])
    ProposalDraft.objects.filter(pk=draft.pk).update(text="My own words.")
    assert _draft(drafter, market["project"]).pk == draft.pk
    draft.refresh_from_db()
    assert draft.text == "My own words."
    assert ProposalDraft.objects.count() == 1


def test_regenerating_reflects_a_changed_profile(drafter, market):
    draft = _draft(drafter, market["project"])
    kubernetes = SkillFactory(name="Kubernetes")
    FreelancerSkill.objects.create(profile=market["profile"], skill=kubernetes, years=3)
    drafter.post(reverse("drafting:draft-regenerate", args=[draft.pk]))
    draft.refresh_from_db()
    assert "Kubernetes: 3 years of experience" in draft.text
    assert not draft.gaps


def test_a_fixed_price_bid_is_the_clients_range_and_says_so(market, no_encoder):
    project = open_project(
        title="Landing page", description="One page.", skills=["Django"],
        budget=(1000, 3000), budget_type="fixed",
    )  # fmt: skip
    draft, _ = proposal_draft_create(freelancer=market["user"], project=project)
    assert draft.suggested_bid == Decimal(2000)
    assert "middle of the client's fixed budget of $1,000" in draft.bid_reason
    assert "not an estimate of the work" in draft.bid_reason


def test_no_market_rates_and_no_own_rate_means_no_figure(market, no_encoder):
    profile = freelancer_with(skills=["Django"], rate=None)
    draft, _ = proposal_draft_create(freelancer=profile.user, project=market["project"])
    assert draft.suggested_bid is None
    assert draft.bid_reason.startswith("No suggestion")


def test_drafts_list_and_delete(drafter, market):
    draft = _draft(drafter, market["project"])
    html = drafter.get(reverse("drafting:draft-list")).content.decode()
    assert market["project"].title in html
    assert "Re-draft 1 open draft" in html
    drafter.post(reverse("drafting:draft-delete", args=[draft.pk]))
    assert not ProposalDraft.objects.exists()


def test_a_closed_project_cannot_be_drafted(drafter, market):
    project = market["project"]
    project.status = "closed"
    project.save()
    assert drafter.post(reverse("drafting:draft-create", args=[project.pk])).status_code == 404

"""The dashboard for each role, the completeness selectors, and its query count."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from projects.models import Contract, LedgerEntry, Milestone, Project, Proposal
from projects.selectors.profile import freelancer_profile_completeness, freelancer_profile_get
from tests.factories import (
    PASSWORD,
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    InviteFactory,
    LedgerEntryFactory,
    MessageFactory,
    MilestoneFactory,
    NotificationFactory,
    ProjectFactory,
    ProposalFactory,
    ReportFactory,
    ThreadFactory,
)
from tests.projects.factories import FreelancerSkillFactory, SkillCategoryFactory

DASHBOARD = reverse("projects:dashboard")
# session, user, profile_ensure, profile, skills (with their Skill), categories; proposals by
# state, active contracts and their count, invites and their count, next milestones, earnings;
# the navbar's unread threads and notifications; a pending account deletion (the banner);
# portfolio (empty here, so its skills are not fetched; test_portfolio counts a filled one).
FREELANCER_QUERIES = 17
# session, user, profile_ensure; projects by state, live projects, milestones to act on and their
# count, active contracts and their count, spend and this month's; the navbar's two counts; a
# pending account deletion (the banner).
EMPLOYER_QUERIES = 14


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={DASHBOARD}"


def test_freelancer_dashboard_shows_the_meter_and_what_is_missing(client, freelancer):
    FreelancerSkillFactory(profile=freelancer.freelancer_profile, skill__name="Rust")
    client.force_login(freelancer)
    html = client.get(DASHBOARD).text
    # Factory profile: name, headline, bio, country, languages, rate, availability = 7 of 9.
    assert '<progress id="completeness-meter"' in html
    assert 'value="78"' in html
    assert "78% complete" in html
    assert f'<a href="{reverse("projects:onboarding-skills")}">At least 3 skills</a>' in html
    assert (
        f'<a href="{reverse("projects:onboarding-preferences")}">Categories you want work in</a>'
        in html
    )
    assert "Rust" in html
    assert "45.00 USD" in html
    assert "30 hours a week" in html
    assert "Works in English" in html
    assert "Company profile completeness" not in html
    assert "coming soon" not in html


def test_not_onboarded_users_are_invited_to_continue(client, freelancer):
    client.force_login(freelancer)
    assert reverse("accounts:onboarding") in client.get(DASHBOARD).text
    freelancer.onboarded_at = freelancer.date_joined
    freelancer.save()
    assert "Continue setting up" not in client.get(DASHBOARD).text


def test_employer_dashboard_shows_company_completeness(client, employer):
    client.force_login(employer)
    html = client.get(DASHBOARD).text
    assert "Company profile completeness" in html
    assert "60% complete" in html
    assert f'<a href="{reverse("accounts:onboarding-company")}">Website</a>' in html
    assert employer.employer_profile.company_name in html
    assert "At least 3 skills" not in html


def test_staff_without_role_get_links_to_the_admin(client, staff):
    client.force_login(staff)
    html = client.get(DASHBOARD).text
    assert f'href="{reverse("admin:index")}"' in html
    assert "completeness" not in html.lower()


def test_user_without_role_and_not_staff_is_told_plainly(client, db):
    user = User.objects.create_user(email="norole@example.com", password=PASSWORD)
    client.force_login(user)
    html = client.get(DASHBOARD).text
    assert "neither a freelancer nor an employer" in html
    assert reverse("admin:index") not in html


def test_skills_are_listed_strongest_first_then_by_name(client, freelancer, taxonomy):
    profile = freelancer.freelancer_profile
    FreelancerSkillFactory(profile=profile, skill=taxonomy["react"], level=3)
    FreelancerSkillFactory(profile=profile, skill=None, free_text="Basket weaving", level=3)
    FreelancerSkillFactory(profile=profile, skill=taxonomy["python"], level=5)
    client.force_login(freelancer)
    html = client.get(DASHBOARD).text
    assert html.index("Python") < html.index("Basket weaving") < html.index("React")


def test_freelancer_completeness_percentages(freelancer):
    profile = freelancer_profile_get(user=freelancer.freelancer_profile.user)
    assert freelancer_profile_completeness(profile).percent == 78

    FreelancerSkillFactory.create_batch(3, profile=profile)
    SkillCategoryFactory().preferred_by.add(profile)
    profile = freelancer_profile_get(user=freelancer)
    full = freelancer_profile_completeness(profile)
    assert (full.percent, full.missing) == (100, [])

    profile.bio = ""
    profile.hourly_rate = None
    result = freelancer_profile_completeness(profile)
    assert result.percent == 78
    assert result.missing == [
        ("A short bio", "accounts:onboarding-about"),
        ("Your hourly rate", "accounts:onboarding-rate"),
    ]


def test_missing_items_follow_the_wizard_order(db):
    from accounts.services import user_create

    user = user_create(email="empty@example.com", password=PASSWORD, role="freelancer")
    completeness = freelancer_profile_completeness(freelancer_profile_get(user=user))
    assert completeness.percent == 0
    steps = [url for _label, url in completeness.missing]
    assert steps == sorted(
        steps,
        key=[
            "accounts:onboarding-about",
            "projects:onboarding-skills",
            "accounts:onboarding-rate",
            "projects:onboarding-preferences",
        ].index,
    )
    assert len(completeness.missing) == 9


@pytest.mark.parametrize("skill_count", [1, 25])
def test_freelancer_dashboard_query_count_does_not_grow_with_skills(
    client, freelancer, django_assert_num_queries, skill_count
):
    profile = freelancer.freelancer_profile
    FreelancerSkillFactory.create_batch(skill_count, profile=profile)
    for _ in range(3):
        SkillCategoryFactory().preferred_by.add(profile)
    client.force_login(freelancer)
    client.get(DASHBOARD)  # warm the session and the site's first-request caches
    with django_assert_num_queries(FREELANCER_QUERIES):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.text.count("· level") == skill_count


# --- the marketplace on the dashboards -------------------------------------------------------
def _html(client, user) -> str:
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.text


def _last_month() -> dt.datetime:
    return timezone.now().replace(day=1) - dt.timedelta(days=3)


def test_freelancer_sees_proposals_by_state_linking_to_the_filtered_list(client, freelancer):
    ProposalFactory.create_batch(2, freelancer=freelancer)
    # The employer archived this one: to the freelancer it is still simply submitted.
    ProposalFactory(freelancer=freelancer, status=Proposal.Status.ARCHIVED)
    ProposalFactory(freelancer=freelancer, status=Proposal.Status.DECLINED)
    html = _html(client, freelancer)
    mine = reverse("projects:my-proposals")
    assert re.search(rf'href="{mine}\?status=submitted">Submitted <span[^>]*>3</span>', html)
    assert re.search(rf'href="{mine}\?status=declined">Declined <span[^>]*>1</span>', html)
    assert re.search(rf'href="{mine}\?status=hired">Hired <span[^>]*>0</span>', html)
    assert "status=archived" not in html
    assert "Archived" not in html


def test_the_filtered_proposal_list_shows_only_that_state(client, freelancer):
    submitted = ProposalFactory(freelancer=freelancer, project__title="Submitted one")
    archived = ProposalFactory(
        freelancer=freelancer, status=Proposal.Status.ARCHIVED, project__title="Archived one"
    )
    ProposalFactory(
        freelancer=freelancer, status=Proposal.Status.DECLINED, project__title="Declined one"
    )
    client.force_login(freelancer)
    mine = reverse("projects:my-proposals")
    html = client.get(f"{mine}?status=submitted").text
    assert submitted.project.title in html
    assert archived.project.title in html
    assert "Declined one" not in html
    assert f'href="{mine}">Show all my proposals' in html
    # Asking for "archived" cannot reveal which were archived: the whole list shows.
    html = client.get(f"{mine}?status=archived").text
    assert "Declined one" in html
    assert "Show all my proposals" not in html


def test_freelancer_sees_pending_invites_on_open_projects(client, freelancer):
    invite = InviteFactory(freelancer=freelancer, project__title="Invited to this one")
    InviteFactory(
        freelancer=freelancer,
        project__title="Closed already",
        project__status=Project.Status.CLOSED,
    )
    InviteFactory(freelancer=freelancer, project__title="Declined it", status="declined")
    html = _html(client, freelancer)
    assert "Invited to this one" in html
    assert f'href="{reverse("projects:proposal-submit", args=[invite.project_id])}"' in html
    assert "Closed already" not in html
    assert "Declined it" not in html
    assert re.search(r"Invitations waiting for you <span[^>]*>1</span>", html)


def test_freelancer_sees_active_contracts_and_next_milestones_soonest_first(client, freelancer):
    today = timezone.localdate()
    contract = ContractFactory(freelancer=freelancer, title="Active work")
    ContractFactory(freelancer=freelancer, title="Finished work", status=Contract.Status.COMPLETED)
    later = MilestoneFactory(
        contract=contract, title="Later", due_date=today + dt.timedelta(days=20)
    )
    MilestoneFactory(
        contract=contract,
        title="Sooner",
        status=Milestone.Status.CHANGES_REQUESTED,
        due_date=today + dt.timedelta(days=2),
    )
    MilestoneFactory(contract=contract, title="Paid", status=Milestone.Status.RELEASED)
    html = _html(client, freelancer)
    assert f'href="{reverse("projects:contract-detail", args=[contract.pk])}">Active work' in html
    assert "Finished work" not in html
    assert html.index("Sooner") < html.index("Later")
    assert "Changes requested" in html
    assert f"{reverse('projects:contract-detail', args=[contract.pk])}#milestone-{later.pk}" in html
    assert "Paid" not in html


def test_freelancer_earnings_this_month_are_net_releases_by_currency(client, freelancer):
    usd = ContractFactory(freelancer=freelancer)
    eur = ContractFactory(freelancer=freelancer, currency="EUR")
    LedgerEntryFactory(contract=usd, kind=LedgerEntry.Kind.RELEASE, amount=Decimal("450.00"))
    LedgerEntryFactory(contract=usd, kind=LedgerEntry.Kind.FEE, amount=Decimal("50.00"))
    LedgerEntryFactory(contract=usd, kind=LedgerEntry.Kind.FUND, amount=Decimal("500.00"))
    LedgerEntryFactory(
        contract=eur, kind=LedgerEntry.Kind.RELEASE, amount=Decimal("90.00"), currency="EUR"
    )
    old = LedgerEntryFactory(contract=usd, kind=LedgerEntry.Kind.RELEASE, amount=Decimal("7.00"))
    LedgerEntry.objects.filter(pk=old.pk).update(created_at=_last_month())
    html = _html(client, freelancer)
    earnings = html[html.index("Earnings this month") :]
    assert "450.00 USD" in earnings
    assert "90.00 EUR" in earnings
    assert "457.00" not in html


def test_freelancer_without_work_is_told_plainly(client, freelancer):
    html = _html(client, freelancer)
    assert "Nothing released to you yet this month." in html
    assert "No active contracts." in html
    assert "No invitations waiting." in html
    assert f'href="{reverse("projects:project-list")}"' in html


def test_unread_messages_and_notifications_link_to_their_pages(client, freelancer):
    thread = ThreadFactory(freelancer=freelancer)
    MessageFactory(thread=thread)  # from the employer, unread
    NotificationFactory.create_batch(2, user=freelancer)
    html = _html(client, freelancer)
    card = html[html.index('id="inbox-heading"') :]
    assert re.search(
        rf'href="{reverse("projects:inbox")}">Conversations with unread messages</a>\s*'
        r"<span[^>]*>1</span>",
        card,
    )
    assert re.search(
        rf'href="{reverse("projects:notification-list")}">Unread notifications</a>\s*'
        r"<span[^>]*>2</span>",
        card,
    )


def test_employer_sees_projects_by_state_with_proposal_counts(client, employer):
    open_project = ProjectFactory(employer=employer, title="Open with proposals")
    ProposalFactory.create_batch(2, project=open_project)
    ProposalFactory(project=open_project, status=Proposal.Status.WITHDRAWN)
    draft = ProjectFactory(
        employer=employer, title="Draft one", status=Project.Status.DRAFT, published_at=None
    )
    ProjectFactory(employer=employer, title="Closed one", status=Project.Status.CLOSED)
    html = _html(client, employer)
    mine = reverse("projects:project-mine")
    assert re.search(
        rf'href="{mine}\?status=open">Open</a></td>\s*<td[^>]*>1</td>\s*<td[^>]*>2</td>', html
    )
    assert re.search(
        rf'href="{mine}\?status=draft">Draft</a></td>\s*<td[^>]*>1</td>\s*<td[^>]*>0</td>', html
    )
    proposals = reverse("projects:project-proposals", args=[open_project.pk])
    assert f'href="{proposals}">2 proposals (2 new)' in html
    assert f'href="{reverse("projects:project-edit", args=[draft.pk])}">Finish the draft' in html
    assert "Closed one" not in html  # history lives on My projects
    assert f'href="{reverse("projects:project-create")}">Post a project' in html
    assert f'href="{mine}">All my projects' in html


def test_employer_sees_milestones_waiting_for_them(client, employer):
    contract = ContractFactory(project__employer=employer, title="Website")
    to_fund = MilestoneFactory(contract=contract, title="Design")
    to_review = MilestoneFactory(
        contract=contract, title="Build", status=Milestone.Status.SUBMITTED
    )
    MilestoneFactory(contract=contract, title="Funded, with the freelancer", status="funded")
    ended = ContractFactory(project__employer=employer, status=Contract.Status.CANCELLED)
    MilestoneFactory(contract=ended, title="On a cancelled contract")
    html = _html(client, employer)
    detail = reverse("projects:contract-detail", args=[contract.pk])
    assert f'href="{detail}#milestone-{to_fund.pk}">Fund “Design”' in html
    assert f'href="{detail}#milestone-{to_review.pk}">Review the work on “Build”' in html
    assert "Funded, with the freelancer" not in html
    assert "On a cancelled contract" not in html
    assert re.search(r"Milestones waiting for you <span[^>]*>2</span>", html)


def test_employer_spend_is_releases_plus_fees_by_currency(client, employer):
    contract = ContractFactory(project__employer=employer)
    LedgerEntryFactory(contract=contract, kind=LedgerEntry.Kind.FUND, amount=Decimal("1000.00"))
    LedgerEntryFactory(contract=contract, kind=LedgerEntry.Kind.RELEASE, amount=Decimal("450.00"))
    LedgerEntryFactory(contract=contract, kind=LedgerEntry.Kind.FEE, amount=Decimal("50.00"))
    old = LedgerEntryFactory(
        contract=contract, kind=LedgerEntry.Kind.RELEASE, amount=Decimal("100.00")
    )
    LedgerEntry.objects.filter(pk=old.pk).update(created_at=_last_month())
    html = _html(client, employer)
    spend = html[html.index('id="spend-heading"') :]
    this_month, since_joining = spend.split("Since you joined")
    assert "500.00 USD" in this_month
    assert "600.00 USD" in since_joining
    assert "1,000.00" not in spend  # escrow is still the employer's money


def test_staff_dashboard_counts_what_waits_in_the_admin(client, staff):
    ReportFactory.create_batch(2)
    ReportFactory(status="resolved")
    ProjectFactory(is_hidden=True)
    FreelancerFactory(is_active=False)
    html = _html(client, staff)
    for name, query, count in (
        ("admin:projects_report_changelist", "status__exact=open", 2),
        ("admin:projects_project_changelist", "is_hidden__exact=1", 1),
        ("admin:accounts_user_changelist", "is_active__exact=0", 1),
    ):
        assert re.search(
            rf'<p class="display-6 mb-2">{count}</p>\s*<a class="card-link" '
            rf'href="{reverse(name)}\?{query}"',
            html,
        ), name
    assert f'href="{reverse("admin:projects_auditlogentry_changelist")}"' in html


# --- query counts: the same with 1 or 5 rows of each kind ------------------------------------
def _freelancer_rows(freelancer, n: int) -> None:
    for i in range(n):
        ProposalFactory(freelancer=freelancer, status=Proposal.Status.SUBMITTED)
        ProposalFactory(freelancer=freelancer, status=Proposal.Status.DECLINED)
        InviteFactory(freelancer=freelancer)
        contract = ContractFactory(freelancer=freelancer, currency=("USD", "EUR")[i % 2])
        MilestoneFactory(contract=contract)
        LedgerEntryFactory(
            contract=contract,
            kind=LedgerEntry.Kind.RELEASE,
            currency=contract.currency,
        )
        MessageFactory(thread=ThreadFactory(freelancer=freelancer))
        NotificationFactory(user=freelancer)


def _employer_rows(employer, n: int) -> None:
    for i in range(n):
        project = ProjectFactory(employer=employer)
        ProposalFactory(project=project)
        ProjectFactory(employer=employer, status=Project.Status.DRAFT, published_at=None)
        contract = ContractFactory(project__employer=employer, currency=("USD", "EUR")[i % 2])
        MilestoneFactory(contract=contract)
        MilestoneFactory(contract=contract, status=Milestone.Status.SUBMITTED)
        for kind in (LedgerEntry.Kind.RELEASE, LedgerEntry.Kind.FEE):
            LedgerEntryFactory(contract=contract, kind=kind, currency=contract.currency)
        thread = ThreadFactory(project=project)
        MessageFactory(thread=thread, sender=thread.freelancer)  # unread by the employer
        NotificationFactory(user=employer)


def _queries_for(client, user) -> int:
    client.force_login(user)
    client.get(DASHBOARD)  # warm the session and first-request caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("role", "make_rows"),
    [("freelancer", _freelancer_rows), ("employer", _employer_rows)],
)
def test_dashboard_queries_do_not_grow_with_rows(client, db, role, make_rows):
    counts = []
    for n in (1, 5):
        user = (FreelancerFactory if role == "freelancer" else EmployerFactory)()
        make_rows(user, n)
        counts.append(_queries_for(client, user))
    assert counts[0] == counts[1], counts
    assert counts[0] == {"freelancer": FREELANCER_QUERIES, "employer": EMPLOYER_QUERIES}[role]


def test_staff_dashboard_queries_do_not_grow_with_rows(client, staff):
    counts = []
    for n in (1, 5):
        ReportFactory.create_batch(n)
        ProjectFactory.create_batch(n, is_hidden=True)
        FreelancerFactory.create_batch(n, is_active=False)
        counts.append(_queries_for(client, staff))
    assert counts == [8, 8]  # 7, and the pending-deletion banner's one

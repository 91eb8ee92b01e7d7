"""Seed the demo marketplace by playing each planned story through the marketplace services.

Projects, proposals, invites, hires, milestones, the escrow ledger, reviews, messages and
notifications are all written by the same services a person's clicks call, so demo data obeys
the same rules (and sends the same notifications) as real use.

Dates: the services stamp `timezone.now()` (auto_now_add fields, published_at, funded_at,
ledger entries, notification keys...), and several refuse the past (start dates, due dates,
the review window). Rather than rewriting dozens of timestamps afterwards, which would mean
updating append-only ledger rows and would leave the services' date checks run against the
wrong day, each step of a story runs under DemoClock, set to when the step happens in the
story (always before the real now). The only rows changed after the fact are notifications:
old ones are marked read, and all are recorded as e-mailed, because demo addresses are on a
reserved domain no mail reaches and a seed should not print hundreds of console e-mails.

The message threads, the hire, milestones and reviews are played by ContractStage
(projects.services.demo_contracts), which MarketSeeder mixes in.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from accounts.models import User
from projects.demo import conversations as talk
from projects.demo.clock import DemoClock
from projects.demo.history import HISTORY_SIZES, history_story, history_timeline
from projects.demo.market import (
    LOGIN_EMPLOYER_STORIES,
    MARKET_SIZES,
    FreelancerPool,
    PostingDeck,
    ProjectText,
    Story,
    crowd_story,
    project_text,
    text_from_generator,
    timeline,
)
from projects.demo.plan import DEMO_DOMAIN, LOGIN_EMAILS, DemoPlanner
from projects.demo.postings import Posting
from projects.demo.taxonomy import DemoTaxonomy
from projects.models import (
    FreelancerSkill,
    Notification,
    Project,
    Proposal,
    Skill,
    SkillCategory,
)
from projects.selectors.skills import SkillIndex
from projects.services.demo_contracts import ContractStage
from projects.services.projects import (
    ProjectDetails,
    project_cancel,
    project_close,
    project_create,
    project_publish,
)
from projects.services.proposals import (
    invite_create,
    proposal_archive,
    proposal_decline,
    proposal_mark_viewed,
    proposal_shortlist,
    proposal_submit,
    proposal_withdraw,
)

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
_EURO_COUNTRIES = ("DE", "FR", "NL", "ES", "IT", "PT", "IE")
_CURRENCY_OF_COUNTRY = {"GB": "GBP", **dict.fromkeys(_EURO_COUNTRIES, "EUR")}
_DECISIONS = {"submitted": 5, "shortlisted": 2, "archived": 1, "declined": 1, "withdrawn": 0.7}


@dataclass
class MarketReport:
    present: bool = False  # found already seeded: nothing created
    projects: int = 0
    postings_used: int = 0
    seconds: float = 0.0
    summary: dict[str, dict[str, int]] = field(default_factory=dict)


class MarketSeeder(ContractStage):
    def __init__(self, *, seed, taxonomy, planner, postings, clock, now):
        self.seed = seed
        self.taxonomy = taxonomy
        self.planner = planner
        self.deck = PostingDeck(postings, seed)
        self.clock = clock
        self.now = now
        self.index = SkillIndex.load()
        self.category_of_skill = dict(
            Skill.objects.filter(category__isnull=False).values_list("id", "category_id")
        )
        self.categories = SkillCategory.objects.in_bulk([c.id for c in taxonomy.categories])
        users = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").select_related(
            "freelancer_profile", "employer_profile"
        )
        crowd = users.exclude(email__in=LOGIN_EMAILS.values()).order_by("email")
        self.employers = list(crowd.filter(role=User.Role.EMPLOYER))
        freelancers = list(crowd.filter(role=User.Role.FREELANCER))
        skill_rows = FreelancerSkill.objects.filter(
            profile__user__in=freelancers, skill__isnull=False
        ).values_list("profile__user_id", "skill_id")
        self.pool = FreelancerPool(freelancers, skill_rows)
        self.login_employer = users.get(email=LOGIN_EMAILS["employer"])
        self.login_freelancer = users.get(email=LOGIN_EMAILS["freelancer"])
        self.postings_used = 0
        self.briefs_written: Counter[int] = Counter()  # by category: each brief once, in turn

    def at(self, days_ago: float) -> dt.datetime:
        when = self.now - days_ago * DAY
        self.clock.at(when)
        return when

    # The stories -----------------------------------------------------------------------

    def play_all(self, total: int, history: int = 0, progress=None) -> int:
        """Play every story; `progress("stories", done, total)` after each, when given."""
        played = 0
        expected = max(total, len(LOGIN_EMPLOYER_STORIES)) + history if self.employers else 0

        def done() -> int:
            if progress:
                progress("stories", played + 1, expected or played + 1)
            return 1

        for n, story in enumerate(LOGIN_EMPLOYER_STORIES):
            rng = random.Random(f"gigwise-demo/{self.seed}/login-project/{n}")
            self.play(rng, story, self.login_employer)
            played += done()
        if not self.employers:
            return played
        for n in range(max(total - played, 0)):
            rng = random.Random(f"gigwise-demo/{self.seed}/project/{n}")
            employer = self.employers[int(len(self.employers) * rng.random() ** 1.6)]
            self.play(rng, crowd_story(rng, n), employer)
            played += done()
        for n in range(history):
            rng = random.Random(f"gigwise-demo/{self.seed}/history/{n}")
            employer = self.employers[int(len(self.employers) * rng.random() ** 1.6)]
            self.play(rng, history_story(rng), employer)
            played += done()
        return played

    def play(self, rng: random.Random, story: Story, employer: User) -> Project:
        text = self._text(rng, story, employer)
        weeks = text.duration_weeks
        times = (history_timeline if story.history else timeline)(rng, story, weeks)
        self.at(times.created)
        project = project_create(employer=employer, details=self._details(text, story))
        if story.state == "draft":
            return project
        self.at(times.published)
        project_publish(project=project)
        skills = list(project.skills.select_related("skill").order_by("pk"))  # as listed
        # The moment the employer goes through the proposals: before the hire or the close.
        end = next((t for t in (times.hired, times.closed) if t is not None), 0.05)
        decided = end + (times.published - end) * rng.uniform(0.2, 0.5)
        if story.login and story.state in ("open", "invite_only"):
            decided = rng.uniform(0.3, 1.2)  # fresh news for the demo logins
        proposals = self._proposals(rng, story, project, skills, times.published, decided)
        hired = self._decide(rng, story, project, proposals, decided, end)
        if story.state == "closed":
            self.at(times.closed)
            project_close(project=project)
        elif story.state == "cancelled":
            self.at(times.closed)
            project_cancel(project=project)
        elif hired is not None:
            self._contract(rng, story, project, hired, times)
        return project

    def _text(self, rng: random.Random, story: Story, employer: User) -> ProjectText:
        # Popular kinds of work more often, but each category's briefs used before repeating.
        weights = [
            w / (1 + self.briefs_written[c.id])
            for c, w in zip(self.taxonomy.categories, self.planner.category_weights, strict=True)
        ]
        category = rng.choices(self.taxonomy.categories, weights=weights)[0]
        country = employer.employer_profile.country.code
        if story.fits == "login":
            return self._brief_for_login_freelancer(rng, story, country)
        text = project_text(
            rng,
            story=story,
            deck=self.deck,
            taxonomy=self.taxonomy,
            category=category,
            category_of_skill=self.category_of_skill,
            skill_ids_of=lambda names: self.index.split(names)[0],
            currency=_CURRENCY_OF_COUNTRY.get(country, "USD"),
            serial=self.briefs_written[category.id],
        )
        self.postings_used += text.source == "posting"
        self.briefs_written[category.id] += text.source == "generator"
        return text

    def _brief_for_login_freelancer(
        self, rng: random.Random, story: Story, country: str
    ) -> ProjectText:
        """A brief in the demo freelancer's main kind of work, asking for some of their skills."""
        mine = list(
            FreelancerSkill.objects.filter(profile__user=self.login_freelancer, skill__isnull=False)
            .order_by("skill__name")
            .values_list("skill_id", "skill__name")
        )
        kinds = Counter(self.category_of_skill.get(sid) for sid, _name in mine)
        known = {c.id: c for c in self.taxonomy.categories}
        category_id = next((c for c, _n in kinds.most_common() if c in known), None)
        category = known.get(category_id, self.taxonomy.categories[0])
        text = text_from_generator(
            rng,
            category,
            budget_type=story.budget_type or "fixed",
            currency=_CURRENCY_OF_COUNTRY.get(country, "USD"),
            serial=self.briefs_written[category.id],
        )
        self.briefs_written[category.id] += 1
        asked = rng.sample([name for _sid, name in mine], min(4, len(mine)))
        return replace(text, skills=tuple(asked)) if asked else text

    def _details(self, text: ProjectText, story: Story) -> ProjectDetails:
        skills = list(text.skills) or [
            name for _sid, name in self.taxonomy.categories[0].skills[:3]
        ]
        return ProjectDetails(
            title=text.title,
            description=text.description,
            budget_type=text.budget_type,
            budget_min=text.budget_min,
            budget_max=text.budget_max,
            duration_weeks=text.duration_weeks,
            currency=text.currency,
            experience_level=text.experience_level,
            category=self.categories.get(text.category_id),
            hours_per_week=text.hours_per_week,
            languages=["en"],
            visibility=(
                Project.Visibility.INVITE_ONLY
                if story.state == "invite_only"
                else Project.Visibility.PUBLIC
            ),
            screening_questions=list(text.screening_questions),
            required_skills=skills[:5],
            nice_skills=skills[5:],
        )

    def _proposals(self, rng, story, project, skills, published, decided) -> list[Proposal]:
        login = self.login_freelancer
        wanted = story.proposals
        proposes = story.login not in ("", "invited")
        skill_ids = {s.skill_id for s in skills if s.skill_id}
        freelancers = self.pool.pick(rng, skill_ids, wanted + 2 - proposes)
        if story.state == "invite_only":
            invited = freelancers + ([login] if story.login == "invited" else [])
            self.at(published - 0.01)
            for freelancer in invited:
                invite_create(
                    employer=project.employer,
                    project=project,
                    freelancer=freelancer,
                    message="We liked your profile and think you would be a good fit.",
                )
        senders = freelancers[: wanted - proposes]
        if proposes:
            senders.insert(rng.randint(0, len(senders)), login)
        window = min(3.0, (published - decided) * 0.9)
        arrivals = sorted(rng.uniform(0.02, window) for _ in senders)
        proposals = []
        for freelancer, after in zip(senders, arrivals, strict=True):
            self.at(published - after)
            proposals.append(self._proposal_send(rng, project, freelancer, skills))
        return proposals

    def _proposal_send(self, rng, project: Project, freelancer: User, skills) -> Proposal:
        profile = freelancer.freelancer_profile
        # The skills they share with the project come first in their letter.
        theirs = self.pool.skills.get(self.pool.position.get(freelancer.pk), set())
        shared = [s.name for s in skills if s.skill_id in theirs]
        names = shared + [s.name for s in skills if s.name not in shared]
        low, high = float(project.budget_min), float(project.budget_max)
        bid = Decimal(max(1, round(rng.uniform(low * 0.9, high * 1.1))))
        words = {
            "title": project.title,
            "company": project.employer.employer_profile.company_name or "there",
            "years": max(1, profile.years_experience or 1),
            "s1": names[0] if names else "this work",
            "s2": names[1] if len(names) > 1 else names[0] if names else "this work",
        }
        return proposal_submit(
            freelancer=freelancer,
            project=project,
            cover_letter=talk.cover_letter(rng, **words),
            bid_amount=bid,
            currency=project.currency,
            estimated_duration_weeks=max(1, min(104, project.duration_weeks + rng.randint(-1, 2))),
            answers=[rng.choice(talk.ANSWERS) for _q in project.screening_questions],
        )

    def _decide(self, rng, story, project, proposals, decided, end) -> Proposal | None:
        """The employer reads, shortlists, archives and declines; some freelancers withdraw."""
        if not proposals:
            return None
        login = self.login_freelancer
        hires = story.state in ("in_progress", "completed", "halted")
        hired = None
        if hires:
            mine = [p for p in proposals if p.freelancer_id == login.pk]
            hired = mine[0] if story.login == "hired" else proposals[0]
        self.at(decided)
        for proposal in proposals:
            if proposal.freelancer_id == login.pk and story.login != "hired":
                decision = story.login
            elif proposal == hired:
                decision = "shortlisted"
            else:
                decision = rng.choices(list(_DECISIONS), weights=list(_DECISIONS.values()))[0]
            if decision == "withdrawn":
                proposal_withdraw(freelancer=proposal.freelancer, proposal=proposal)
                continue
            # Some proposals stay unopened (still editable), the demo freelancer's among them.
            if decision != "submitted" or (
                proposal.freelancer_id != login.pk and rng.random() < 0.6
            ):
                proposal_mark_viewed(proposal=proposal)
            employer = project.employer
            if decision == "shortlisted":
                proposal_shortlist(employer=employer, proposal=proposal)
                self._conversation(rng, proposal=proposal, start=decided, end=end)
            elif decision == "archived":
                proposal_archive(employer=employer, proposal=proposal)
            elif decision == "declined":
                proposal_decline(
                    employer=employer, proposal=proposal, reason=rng.choice(talk.DECLINE_REASONS)
                )
            self.at(decided)
        return hired


def market_seed(
    *, seed: int, size: str, taxonomy: DemoTaxonomy, postings: list[Posting], progress=None
) -> MarketReport:
    """Play the demo marketplace's stories unless demo projects exist already."""
    report = MarketReport()
    demo_projects = Project.objects.filter(employer__email__endswith=f"@{DEMO_DOMAIN}")
    if demo_projects.exists():
        report.present = True
        return report
    now = timezone.now()
    planner = DemoPlanner(seed=seed, taxonomy=taxonomy)
    with DemoClock() as clock:
        seeder = MarketSeeder(
            seed=seed, taxonomy=taxonomy, planner=planner, postings=postings, clock=clock, now=now
        )
        report.projects = seeder.play_all(MARKET_SIZES[size], HISTORY_SIZES[size], progress)
    report.postings_used = seeder.postings_used
    notifications = Notification.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
    notifications.filter(emailed_at__isnull=True).update(emailed_at=F("created_at"))
    notifications.filter(read_at__isnull=True, created_at__lt=now - 3 * DAY).update(
        read_at=F("created_at") + 2 * HOUR
    )
    return report

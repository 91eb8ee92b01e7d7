"""The demo marketplace's conversations and hired work, played through the marketplace services.

MarketSeeder (projects.services.demo_market) mixes ContractStage in: message threads on shortlisted
proposals and contracts, then the hire, milestones (funded, submitted, changes requested,
released), the contract's end and the reviews. Same DemoClock discipline as demo_market: each
step runs at the moment it happens in the story.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from projects.demo import conversations as talk
from projects.demo.market import Story
from projects.demo.plan import LOGIN_EMAILS
from projects.models import Contract, Project, Proposal
from projects.services.contracts import contract_cancel, contract_complete
from projects.services.hiring import proposal_hire
from projects.services.messaging import (
    message_send,
    thread_mark_read,
    thread_open_for_contract,
    thread_open_for_proposal,
)
from projects.services.milestones import (
    milestone_approve,
    milestone_create,
    milestone_fund,
    milestone_request_changes,
    milestone_submit,
)
from projects.services.reviews import review_create

_MILESTONE_TITLES = {
    1: ("Complete delivery",),
    2: ("First delivery", "Final delivery and handover"),
    3: ("Discovery and plan", "Main delivery", "Final delivery and handover"),
}


class ContractStage:
    """Conversations, the hire and everything after it, for MarketSeeder.

    The class it is mixed into provides `at(days_ago)` (sets the DemoClock to that moment in
    the story and returns it) and `login_freelancer`.
    """

    login_freelancer: User

    def at(self, days_ago: float) -> dt.datetime:
        raise NotImplementedError  # MarketSeeder.at

    def _conversation(self, rng, *, proposal=None, contract=None, start: float, end: float):
        """A few messages between start and end (days ago); older threads end up read."""
        if contract is not None:
            thread = thread_open_for_contract(contract=contract)
            script, count = talk.CONTRACT_THREAD, rng.randint(2, 5)
        else:
            thread = thread_open_for_proposal(proposal=proposal)
            script, count = talk.PROPOSAL_THREAD, rng.choice((1, 2, 3, 3, 4))
        if thread.freelancer_id == self.login_freelancer.pk:
            # The demo freelancer's threads end with the employer's word, for them to read.
            count = max(n for n in range(1, count + 1) if script[n - 1][0] == "employer")
        party = {"employer": thread.employer, "freelancer": thread.freelancer}
        project = thread.project
        words = {
            "title": project.title,
            "s1": getattr(project.skills.order_by("pk").first(), "name", "main"),
            "name": thread.freelancer.first_name,
        }
        step = max(0.01, (start - end) / (count + 1))
        sent_at = start
        for role, line in script[:count]:
            sent_at -= step
            self.at(sent_at)
            message_send(thread=thread, sender=party[role], body=line.format(**words))
        last_role = script[count - 1][0]
        reader = party["freelancer" if last_role == "employer" else "employer"]
        # The two demo logins find their newest messages unread; the rest have caught up.
        if not (reader.email in LOGIN_EMAILS.values() and sent_at < 7):
            self.at(max(0.001, sent_at - min(step, 0.2)))
            thread_mark_read(thread=thread, user=reader)

    def _contract(self, rng, story: Story, project: Project, proposal: Proposal, times):
        hired_at = self.at(times.hired)
        start = timezone.localdate(hired_at) + dt.timedelta(days=rng.randint(0, 2))
        contract = proposal_hire(
            employer=project.employer,
            proposal=proposal,
            start_date=start,
            terms="As described in the project brief and the accepted proposal.",
        )
        end = times.ended if times.ended is not None else 0.05
        self.at(times.hired - 0.05)
        self._conversation(rng, contract=contract, start=times.hired - 0.05, end=end)
        employer, freelancer = contract.employer, contract.freelancer
        if story.milestones:
            self._milestones(rng, story, contract, start, times.hired, end)
        if story.state == "halted":
            self.at(end)
            contract_cancel(contract=contract, by=employer, reason=rng.choice(talk.CANCEL_REASONS))
        elif story.state == "completed":
            self.at(end)
            contract_complete(contract=contract, by=employer)
            authors = {"both": (employer, freelancer), "employer": (employer,)}
            authors["freelancer"] = (freelancer,)
            for author in authors.get(story.reviews, ()):
                self.at(max(0.001, end - rng.uniform(0.1, min(end * 0.8, 6))))
                rating = rng.choices((5, 4, 3), weights=(6, 3, 1))[0]
                of_freelancer = author == employer
                review_create(
                    contract=contract,
                    author=author,
                    rating_quality=rating,
                    rating_communication=max(1, min(5, rating + rng.choice((-1, 0, 0, 1)))),
                    rating_timeliness=max(1, min(5, rating + rng.choice((-1, 0, 0)))),
                    text=talk.review_text(
                        rng,
                        of_freelancer=of_freelancer,
                        rating=rating,
                        name=freelancer.first_name,
                    ),
                )

    def _milestones(self, rng, story, contract: Contract, start: dt.date, hired: float, end):
        targets = story.milestones
        count = len(targets)
        titles = _MILESTONE_TITLES.get(count) or tuple(f"Part {n + 1}" for n in range(count))
        unit = (contract.amount / count).quantize(Decimal("0.01"))
        amounts = [unit] * (count - 1) + [contract.amount - unit * (count - 1)]
        span = max(7, contract.project.duration_weeks * 7 // count)
        employer, freelancer = contract.employer, contract.freelancer
        self.at(hired - 0.1)
        milestones = [
            milestone_create(
                contract=contract,
                by=employer,
                title=title,
                amount=amount,
                due_date=start + dt.timedelta(days=span * (n + 1)),
            )
            for n, (title, amount) in enumerate(zip(titles, amounts, strict=True))
        ]
        length = (hired - 0.1 - end) / count
        for n, (milestone, target) in enumerate(zip(milestones, targets, strict=True)):
            begins = hired - 0.1 - n * length
            if target == "unfunded":
                continue
            self.at(begins - 0.1 * length)
            milestone_fund(milestone=milestone, by=employer)
            if target == "funded":
                continue
            self.at(begins - 0.6 * length)
            milestone_submit(
                milestone=milestone, by=freelancer, note=rng.choice(talk.SUBMISSION_NOTES)
            )
            if target == "changes_requested":
                self.at(begins - 0.8 * length)
                milestone_request_changes(
                    milestone=milestone, by=employer, feedback=rng.choice(talk.CHANGE_REQUESTS)
                )
            elif target == "released":
                self.at(begins - 0.9 * length)
                milestone_approve(milestone=milestone, by=employer)

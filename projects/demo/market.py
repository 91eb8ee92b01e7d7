"""Plan the demo marketplace: which projects, in which state, with what story behind them.

Pure planning, like plan.py: a seed (and the real postings, when present) becomes plain
dataclasses; projects.services.demo_market plays each story through the marketplace services.
Every project has a random.Random of its own, seeded from (seed, owner, index), so the same
seed gives the same titles, states and decisions.
"""

import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .archetypes import level_rates
from .postings import Posting
from .project_texts import CLOSINGS, SCREENING_QUESTIONS, brief_description, brief_for
from .taxonomy import DemoCategory, DemoTaxonomy

# Projects in all, the demo employer's included, each played through the services. Large plays
# a few hundred (with 100,000 people, matching each new one to them takes most of a second)
# and adds its crowd of open projects in bulk (crowd.py).
MARKET_SIZES = {"tiny": 28, "small": 60, "medium": 360, "large": 200}


@dataclass(frozen=True)
class Story:
    """What happens to one project, from posting to reviews."""

    state: str  # draft, open, invite_only, in_progress, completed, closed, cancelled, halted
    budget_type: str = ""  # "" = whatever the project text says
    proposals: int = 4
    milestones: tuple[str, ...] = ()  # the state each milestone ends in (fixed price only)
    reviews: str = ""  # who reviews after the end: "both", "employer", "freelancer" or ""
    # "login": a brief in the demo freelancer's own kind of work, so their "Gigs for you" has
    # real fits whatever the reference postings are about.
    fits: str = ""
    recent: bool = False  # ended inside the double-blind window
    history: bool = False  # finished months ago: the market's past year (history.py)
    login: str = ""  # the demo freelancer's part: submitted, shortlisted, archived, ...


def _s(state: str, **kwargs) -> Story:
    if kwargs.get("milestones"):
        kwargs["budget_type"] = "fixed"
    return Story(state, **kwargs)


# The demo employer's projects: every state, one open project full of proposals to review,
# a submitted milestone awaiting approval, and a contract with the demo freelancer.
LOGIN_EMPLOYER_STORIES = (
    _s("open", proposals=7, login="shortlisted"),
    _s("in_progress", milestones=("released", "submitted", "unfunded"), proposals=4),
    _s("in_progress", milestones=("released", "funded", "unfunded"), proposals=3, login="hired"),
    _s("invite_only", proposals=2, login="invited"),
    _s("draft", budget_type="hourly", proposals=0),
    _s("in_progress", budget_type="hourly", proposals=3, login="hired"),
    _s("completed", milestones=("released", "released"), reviews="both", proposals=3),
    _s("completed", budget_type="hourly", reviews="employer", recent=True, proposals=3),
    _s("closed", proposals=3),
    _s("cancelled", proposals=1),
    _s("open", proposals=3),
)
# The first crowd projects: the demo freelancer's proposals in each state, and every
# milestone and review situation, so even the tiny demo has all of them.
FEATURED_STORIES = (
    _s("open", proposals=5, login="submitted"),
    _s("open", proposals=4, login="archived"),
    _s("open", proposals=4, login="withdrawn"),
    _s("open", proposals=4, login="declined"),
    _s("invite_only", proposals=2, login="invited"),
    _s("completed", milestones=("released",) * 3, reviews="both", login="hired"),
    _s("completed", budget_type="hourly", reviews="employer", recent=True, login="hired"),
    _s("in_progress", milestones=("released", "changes_requested", "unfunded")),
    _s("halted", milestones=("released", "funded")),
    _s("completed", milestones=("released", "released"), reviews="freelancer", recent=True),
    _s("completed", budget_type="hourly"),
    _s("in_progress", milestones=("submitted", "unfunded")),
    _s("draft", proposals=0),
    _s("closed", proposals=3),
    _s("cancelled", proposals=2),
    _s("open", proposals=6, fits="login"),
    _s("completed", milestones=("released",), reviews="both"),
    _s("open", proposals=3, fits="login"),
)
_STATE_WEIGHTS = {
    "open": 30, "invite_only": 6, "in_progress": 18, "completed": 22, "draft": 6, "closed": 8,
    "cancelled": 5, "halted": 3,
}  # fmt: skip
_ACTIVE_MILESTONES = (
    ("released", "submitted", "unfunded"),
    ("released", "funded"),
    ("funded", "unfunded"),
    ("released", "changes_requested", "unfunded"),
    ("submitted",),
    ("released", "released", "funded"),
)


def crowd_story(rng: random.Random, index: int) -> Story:
    if index < len(FEATURED_STORIES):
        return FEATURED_STORIES[index]
    state = rng.choices(list(_STATE_WEIGHTS), weights=list(_STATE_WEIGHTS.values()))[0]
    proposals = 0 if state == "draft" else rng.randint(2 if state == "invite_only" else 3, 8)
    if state == "halted":  # cancelled mid-way: one part paid, the funded rest refunded
        return _s(state, proposals=proposals, milestones=("released", "funded"))
    if state == "in_progress" and rng.random() < 0.6:
        return _s(state, proposals=proposals, milestones=rng.choice(_ACTIVE_MILESTONES))
    if state == "completed":
        reviews = rng.choices(("both", "employer", "freelancer", ""), weights=(5, 2, 1.5, 1.5))[0]
        recent = rng.random() < 0.3
        if rng.random() < 0.6:
            count = rng.randint(1, 3)
            return _s(state, proposals=proposals, milestones=("released",) * count,
                      reviews=reviews, recent=recent)  # fmt: skip
        return _s(state, budget_type="hourly", proposals=proposals, reviews=reviews, recent=recent)
    return _s(state, proposals=proposals)


@dataclass(frozen=True)
class ProjectText:
    title: str
    description: str
    skills: tuple[str, ...]  # names as the employer types them; resolved by the services
    category_id: int | None
    budget_type: str
    budget_min: Decimal
    budget_max: Decimal
    currency: str
    experience_level: str
    duration_weeks: int
    hours_per_week: int | None
    screening_questions: tuple[str, ...]
    source: str  # "posting" or "generator"


_LEVELS = {"entry": "entry", "entry level": "entry", "intermediate": "intermediate"}
_DURATIONS = {"< 1 month": 3, "1-3 months": 8, "3-6 months": 18, "6+ months": 26}
_HOURS = {"less than 30": 15, "more than 30": 35}
# Emoji and pictographs the postings use as bullets ("🚀 Requirements:"), with their joiners.
_EMOJI = "[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+"
_EMOJI_BULLET = re.compile(rf"{_EMOJI}\s*(?=[A-Z0-9])")
_EMOJI_INLINE = re.compile(_EMOJI)


def description_clean(text: str) -> str:
    """A posting's description with emoji bullets turned into paragraphs, other emoji dropped."""
    text = _EMOJI_BULLET.sub("\n\n", unicodedata.normalize("NFC", text))
    text = _EMOJI_INLINE.sub(" ", text)
    paragraphs = (
        "\n".join(" ".join(line.split()) for line in block.splitlines() if line.strip())
        for block in re.split(r"\n\s*\n", text)
    )
    return "\n\n".join(p for p in paragraphs if p)


def _round_money(amount: float) -> Decimal:
    step = 5 if amount < 200 else 50 if amount < 5000 else 250
    return Decimal(max(1, round(amount / step) * step))


def text_from_posting(
    rng: random.Random, posting: Posting, category_id: int | None, fallback_rate: tuple[int, int]
) -> ProjectText:
    level = (
        _LEVELS.get(posting.experience_level.casefold(), "expert")
        if posting.experience_level
        else "intermediate"
    )
    hourly = posting.min_hourly_rate or posting.max_hourly_rate
    budget_type = "fixed" if posting.fixed_price else "hourly" if hourly else ""
    if budget_type == "fixed":
        high = posting.fixed_price
        low = _round_money(float(high) * 0.8) if high >= 100 else high
    elif budget_type == "hourly":
        low = posting.min_hourly_rate or posting.max_hourly_rate
        high = max(low, posting.max_hourly_rate or low)
    else:  # neither set: a typical range for the kind of work
        budget_type = "hourly"
        low, high = (_round_money(r) for r in level_rates(fallback_rate, level))
    duration = _DURATIONS.get(posting.duration) or rng.choice((2, 4, 6, 8))
    hours = _HOURS.get(posting.hours_per_week.casefold())
    if budget_type == "hourly" and hours is None:
        hours = rng.choice((10, 20, 30))
    return ProjectText(
        title=posting.title[:140],
        description=description_clean(posting.description) or posting.title,
        skills=posting.skills[:20],
        category_id=category_id,
        budget_type=budget_type,
        budget_min=Decimal(low).quantize(Decimal("0.01")),
        budget_max=Decimal(high).quantize(Decimal("0.01")),
        currency="USD",
        experience_level=level,
        duration_weeks=duration,
        hours_per_week=hours,
        screening_questions=_questions(rng),
        source="posting",
    )


def _questions(rng: random.Random) -> tuple[str, ...]:
    if rng.random() < 0.7:
        return ()
    return tuple(rng.sample(SCREENING_QUESTIONS, rng.randint(1, 2)))


def text_from_generator(
    rng: random.Random, category: DemoCategory, *, budget_type: str, currency: str, serial: int
) -> ProjectText:
    """A brief for the category; `serial` counts the category's earlier briefs (no repeats)."""
    archetype = category.archetype
    brief = brief_for(archetype.key, serial)
    names = [name for _sid, name in category.skills[:10]]
    # A few of the category's popular skills, the most popular first: it names the brief.
    weights = [1 / (rank + 2) for rank in range(len(names))]
    picked: set[int] = set()
    while len(picked) < min(len(names), rng.randint(3, 6)):
        picked.add(rng.choices(range(len(names)), weights=weights)[0])
    skills = [names[rank] for rank in sorted(picked)]
    words = {"s1": skills[0], "s2": skills[1] if len(skills) > 1 else skills[0]}
    budget_type = budget_type or brief.budget_type
    duration = rng.choice((2, 3, 4, 6, 8, 12, 16, 26))
    level = rng.choices(("entry", "intermediate", "expert"), weights=(2, 5, 3))[0]
    low_rate, high_rate = level_rates(archetype.rate, level)
    per_unit = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}.get(currency, 1.0)
    if budget_type == "hourly":
        hours = rng.choice((10, 15, 20, 30, 40))
        low = _round_money(rng.uniform(low_rate, (low_rate + high_rate) / 2) * 0.8 * per_unit)
        high = max(low, _round_money(rng.uniform(low_rate, high_rate) * per_unit))
    else:
        hours = None
        rate = rng.uniform(low_rate, high_rate) * per_unit
        total = rate * min(duration, 12) * rng.choice((6, 10, 15))
        low, high = _round_money(total * 0.75), _round_money(total)
        high = max(low, high)
    return ProjectText(
        title=brief.title.format(**words)[:140],
        description=brief_description(brief, words, rng.choice(CLOSINGS)),
        skills=tuple(skills),
        category_id=category.id,
        budget_type=budget_type,
        budget_min=Decimal(low).quantize(Decimal("0.01")),
        budget_max=Decimal(high).quantize(Decimal("0.01")),
        currency=currency,
        experience_level=level,
        duration_weeks=duration,
        hours_per_week=hours,
        screening_questions=_questions(rng),
        source="generator",
    )


class PostingDeck:
    """Deals the real postings in a seeded order, each once; None when none of a kind is left.

    A story that needs milestones needs a fixed-price posting; postings with no budget at all
    suit either kind.
    """

    def __init__(self, postings: list[Posting], seed: int):
        # One project per title: the sample repeats "Data Analyst" many times, and a one-word
        # title ("Data") is not a brief anyone would answer.
        titles: set[str] = set()
        order = []
        for posting in postings:
            key = " ".join(posting.title.casefold().split())
            if len(key.split()) >= 2 and key not in titles:
                titles.add(key)
                order.append(posting)
        random.Random(f"gigwise-demo/{seed}/postings").shuffle(order)
        self._left = order

    def deal(self, budget_type: str) -> Posting | None:
        for position, posting in enumerate(self._left):
            kind = (
                "fixed"
                if posting.fixed_price
                else "hourly"
                if (posting.min_hourly_rate or posting.max_hourly_rate)
                else ""
            )
            if not budget_type or not kind or kind == budget_type:
                return self._left.pop(position)
        return None


def project_text(
    rng: random.Random,
    *,
    story: Story,
    deck: PostingDeck,
    taxonomy: DemoTaxonomy,
    category: DemoCategory,
    category_of_skill: dict[int, int],
    skill_ids_of: Callable[[tuple[str, ...]], list[int]],
    currency: str,
    serial: int,
) -> ProjectText:
    """The project's text: the next real posting that fits the story, else the generator's."""
    posting = deck.deal(story.budget_type)
    if posting is None:
        return text_from_generator(
            rng, category, budget_type=story.budget_type, currency=currency, serial=serial
        )
    ids = skill_ids_of(posting.skills)
    counts: dict[int, int] = {}
    for sid in ids:
        if sid in category_of_skill:
            counts[category_of_skill[sid]] = counts.get(category_of_skill[sid], 0) + 1
    category_id = max(counts, key=lambda c: (counts[c], -c)) if counts else None
    rate = category.archetype.rate
    if category_id is not None:
        known = {c.id: c for c in taxonomy.categories}
        if category_id in known:
            rate = known[category_id].archetype.rate
    text = text_from_posting(rng, posting, category_id, rate)
    if story.budget_type and text.budget_type != story.budget_type:
        # A posting with no budget dealt to a fixed-price story: price it as fixed.
        total = text.budget_max * text.duration_weeks * 10
        text = ProjectText(**{**text.__dict__, "budget_type": story.budget_type,
                              "budget_min": _round_money(float(total) * 0.75),
                              "budget_max": _round_money(float(total)),
                              "hours_per_week": None})  # fmt: skip
    return text


@dataclass(frozen=True)
class Timeline:
    """When each step of a story happens, in days before the seed runs (larger is earlier)."""

    created: float
    published: float | None = None
    hired: float | None = None
    ended: float | None = None  # contract completed or cancelled
    closed: float | None = None  # project closed or cancelled without a hire


def contract_days(rng: random.Random, weeks: int) -> float:
    """How long a contract posted for `weeks` runs: some finish early, more run over."""
    return max(3.0, weeks * 7 * rng.uniform(0.7, 1.4))


def timeline(rng: random.Random, story: Story, weeks: int = 4) -> Timeline:
    """Spread the story over the last ~60 days; ended contracts end before today. A completed
    contract ran about the `weeks` posted, so its project may have been posted months ago."""
    state = story.state
    if state == "draft":
        return Timeline(created=rng.uniform(0.5, 15))
    hired = ended = closed = None
    if state in ("open", "invite_only"):
        published = rng.uniform(1.5, 20) if story.login else rng.uniform(0.3, 20)
    elif state == "in_progress":
        published = rng.uniform(12, 50)
        hired = published - rng.uniform(3, 8)
    elif state == "completed":
        ended = rng.uniform(1, 10) if story.recent else rng.uniform(15, 25)
        hired = ended + contract_days(rng, weeks)
        published = hired + rng.uniform(3, 8)
    elif state == "halted":
        published = rng.uniform(25, 55)
        hired = published - rng.uniform(3, 7)
        ended = max(0.5, hired - rng.uniform(7, 15))
    elif state == "closed":
        published = rng.uniform(20, 58)
        closed = published - rng.uniform(7, 18)
    else:  # cancelled
        published = rng.uniform(5, 45)
        closed = published - rng.uniform(1, 4)
    return Timeline(
        created=published + rng.uniform(0.05, 2),
        published=published,
        hired=hired,
        ended=ended,
        closed=closed,
    )


class FreelancerPool:
    """The demo crowd's freelancers in e-mail order, found by the skills they list."""

    def __init__(self, users: list, skill_rows: Iterable[tuple[int, int]]):
        """`users` in a fixed order; `skill_rows` are (user id, skill id) pairs."""
        self.users = users
        self.position = position = {user.pk: n for n, user in enumerate(users)}
        self.skills: dict[int, set[int]] = defaultdict(set)
        self.by_skill: dict[int, list[int]] = defaultdict(list)
        for user_id, skill_id in sorted(skill_rows):
            self.skills[position[user_id]].add(skill_id)
            self.by_skill[skill_id].append(position[user_id])

    def pick(self, rng: random.Random, skill_ids: set[int], count: int) -> list:
        """`count` freelancers, drawn from those sharing most of the skills (simple overlap)."""
        overlap = Counter(n for sid in sorted(skill_ids) for n in self.by_skill.get(sid, ()))
        ranked = sorted(overlap, key=lambda n: (-overlap[n], n))[: max(10, 3 * count)]
        chosen = rng.sample(ranked, min(count, len(ranked)))
        if len(chosen) < count:
            taken = set(chosen)
            rest = [n for n in range(len(self.users)) if n not in taken]
            chosen += rng.sample(rest, min(count - len(chosen), len(rest)))
        return [self.users[n] for n in chosen]

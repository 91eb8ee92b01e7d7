"""Plan demo people from a seed: who they are, what they do, what they charge.

Each person gets a random.Random of their own, seeded from (seed, role, index), so person
#41 is the same whether 200 or 2,000 people are planned: a small demo grows into a medium
one by adding the missing indexes. Nothing here touches the database.
"""

import random
import re
from dataclasses import dataclass
from decimal import Decimal

from . import companies
from .archetypes import (
    ADJACENT,
    GENERIC,
    WORK_STYLE,
    Archetype,
    archetype_for,
)
from .people import COUNTRIES, COUNTRY_BY_CODE, email_slug, pick_country, pick_languages, pick_name
from .taxonomy import DemoCategory, DemoTaxonomy, PostingShape
from .texts import bio_compose, company_profile, role_phrases

DEMO_DOMAIN = "demo.gigwise.local"
DEMO_PASSWORD = "gigwise-demo-2026"  # published on purpose: demo accounts only
# The demo staff's authenticator app key (base32), published on purpose like the password: add
# it to an authenticator app, or print the current code with `manage.py totp_code`.
DEMO_STAFF_TOTP_SECRET = "GIGWISEDEMOSTAFFTOTP234567ABCDEF"
LOGIN_EMAILS = {
    "freelancer": f"freelancer@{DEMO_DOMAIN}",
    "employer": f"employer@{DEMO_DOMAIN}",
    "staff": f"staff@{DEMO_DOMAIN}",
}
# Crowd size (not counting the three logins); one employer for every three freelancers.
# Large: 100,500 freelancers and 33,500 employers, written in bulk (see crowd.py).
DEMO_SIZES = {"tiny": 40, "small": 200, "medium": 2_000, "large": 134_000}
NEW_PROFILE_DAYS = 90
NEW_PROFILE_SHARE = 0.15

# The crowd's e-mails end in .f<index> / .e<index>, which is how an existing demo is read back.
CROWD_EMAIL = re.compile(rf"\.(?P<kind>[fe])(?P<index>\d+)@{re.escape(DEMO_DOMAIN)}$")

# How many freelancers each kind of category attracts, relative to one another.
_CATEGORY_WEIGHTS = {
    "web": 10, "data": 9, "design": 7, "marketing": 7, "writing": 6, "admin": 6, "mobile": 5,
    "cloud": 4, "ai": 4, "translation": 4, "finance": 4, "video": 3, "security": 2,
    "engineering": 2, "management": 3, "legal": 1, "generic": 2,
}  # fmt: skip
_SHOWCASE_STACK = (
    *("Python", "Django", "JavaScript", "React", "PostgreSQL", "Docker"),
    *("Amazon Web Services", "TypeScript"),
)
# Rough units per US dollar, only so that some demo rates are quoted in local currency.
_PER_USD = {
    "USD": 1, "EUR": 0.92, "GBP": 0.79, "CAD": 1.36, "AUD": 1.52, "INR": 83, "KES": 130,
    "NGN": 1500, "BRL": 5, "PHP": 56,
}  # fmt: skip


def crowd_sizes(size: str) -> tuple[int, int]:
    """(freelancers, employers) for a size name."""
    total = DEMO_SIZES[size]
    freelancers = round(total * 3 / 4)
    return freelancers, total - freelancers


@dataclass(frozen=True)
class SkillPlan:
    skill_id: int | None  # None: kept as free text, as the talent services do
    name: str
    level: int
    years: int


@dataclass(frozen=True)
class PortfolioPlan:
    title: str
    description: str
    link: str
    skill_ids: tuple[int, ...]


@dataclass(frozen=True)
class FreelancerPlan:
    index: int
    email: str
    first_name: str
    last_name: str
    joined_days_ago: float
    profile: dict  # fields for accounts.services.freelancer_profile_update
    skills: tuple[SkillPlan, ...]
    category_ids: tuple[int, ...]
    portfolio: tuple[PortfolioPlan, ...]


@dataclass(frozen=True)
class EmployerPlan:
    index: int
    email: str
    first_name: str
    last_name: str
    joined_days_ago: float
    profile: dict  # fields for accounts.services.employer_profile_update


class DemoPlanner:
    """Plans people for one seed over one taxonomy."""

    def __init__(self, *, seed: int, taxonomy: DemoTaxonomy):
        self.seed = seed
        self.taxonomy = taxonomy
        # The first freelancers cover every category and every country once, in an order
        # that depends on the seed; after that, choices follow the weights.
        self.category_order = list(taxonomy.categories)
        self._rng("categories", 0).shuffle(self.category_order)
        self.country_order = list(COUNTRIES)
        self._rng("countries", 0).shuffle(self.country_order)
        self.category_weights = [
            _CATEGORY_WEIGHTS.get(c.archetype.key, 2) for c in taxonomy.categories
        ]

    def _rng(self, kind: str, index: int) -> random.Random:
        return random.Random(f"gigwise-demo/{self.seed}/{kind}/{index}")

    def _pick_category(self, rng: random.Random) -> DemoCategory:
        return rng.choices(self.taxonomy.categories, weights=self.category_weights)[0]

    def _pick_adjacent(self, rng: random.Random, category: DemoCategory) -> DemoCategory:
        near = ADJACENT.get(category.archetype.key, ())
        candidates = [c for c in self.taxonomy.categories if c.archetype.key in near]
        return rng.choice(candidates) if candidates else self._pick_category(rng)

    def freelancer(self, index: int) -> FreelancerPlan:
        rng = self._rng("freelancer", index)
        if index < len(self.category_order):
            category = self.category_order[index]
        else:
            category = self._pick_category(rng)
        if index < len(self.country_order):
            country = self.country_order[index]
        else:
            country = pick_country(rng)
        first, last = pick_name(rng, country)
        email = f"{email_slug(first)}.{email_slug(last)}.f{index}@{DEMO_DOMAIN}"
        is_new = rng.random() < NEW_PROFILE_SHARE
        return _freelancer_plan(
            rng,
            taxonomy=self.taxonomy,
            index=index,
            email=email,
            name=(first, last),
            category=category,
            secondary=self._pick_adjacent(rng, category) if rng.random() < 0.4 else None,
            country_code=country.code,
            is_new=is_new,
            years=_years_experience(rng, is_new=is_new),
        )

    def employer(self, index: int) -> EmployerPlan:
        rng = self._rng("employer", index)
        codes = list(companies.EMPLOYER_COUNTRY_WEIGHTS)
        weights = list(companies.EMPLOYER_COUNTRY_WEIGHTS.values())
        country = COUNTRY_BY_CODE[rng.choices(codes, weights=weights)[0]]
        first, last = pick_name(rng, country)
        email = f"{email_slug(first)}.{email_slug(last)}.e{index}@{DEMO_DOMAIN}"
        interests = [self._pick_category(rng) for _ in range(rng.randint(1, 3))]
        name = companies.company_name(rng, country)
        website = companies.company_website(name, index)
        is_new = rng.random() < 0.1
        joined = rng.uniform(1, NEW_PROFILE_DAYS - 1) if is_new else rng.uniform(91, 5 * 365)
        return EmployerPlan(
            index=index,
            email=email,
            first_name=first,
            last_name=last,
            joined_days_ago=joined,
            profile=company_profile(rng, self.taxonomy, name, website, country, interests),
        )

    def login_freelancer(self) -> FreelancerPlan:
        """The documented freelancer login: an established web (or data) profile."""
        rng = random.Random("gigwise-demo/login/freelancer")
        by_kind = {c.archetype.key: c for c in reversed(self.taxonomy.categories)}
        category = by_kind.get("web") or by_kind.get("data") or self.taxonomy.categories[0]
        # A profile people recognise when they try matching: a typical full-stack web stack,
        # as far as the taxonomy has those skills (otherwise the category's usual mix).
        ids = {name.casefold(): sid for sid, name in self.taxonomy.skill_names.items()}
        stack = [ids[n.casefold()] for n in _SHOWCASE_STACK if n.casefold() in ids]
        showcase = None
        if len(stack) >= 3:
            showcase = PostingShape(
                title="Booking web app for a chain of physiotherapy clinics",
                role="Full-stack developer",
                skill_ids=tuple(stack),
                free_texts=(),
            )
        return _freelancer_plan(
            rng,
            taxonomy=self.taxonomy,
            index=-1,
            email=LOGIN_EMAILS["freelancer"],
            name=("Demo", "Freelancer"),
            category=category,
            secondary=None if showcase else by_kind.get("cloud"),
            country_code="PT",
            is_new=False,
            years=7,
            skill_count=7,
            portfolio_count=2,
            showcase=showcase,
        )

    def login_employer(self) -> EmployerPlan:
        rng = random.Random("gigwise-demo/login/employer")
        country = COUNTRY_BY_CODE["GB"]
        name = "Gigwise Demo Company Ltd"
        by_kind = {c.archetype.key: c for c in reversed(self.taxonomy.categories)}
        interests = [by_kind[k] for k in ("web", "data", "design") if k in by_kind]
        interests = interests or list(self.taxonomy.categories[:3])
        return EmployerPlan(
            index=-1,
            email=LOGIN_EMAILS["employer"],
            first_name="Demo",
            last_name="Employer",
            joined_days_ago=400,
            profile=company_profile(
                rng, self.taxonomy, name, "https://gigwise-demo.example.com/", country, interests
            ),
        )


def _years_experience(rng: random.Random, *, is_new: bool) -> int:
    if is_new and rng.random() < 0.4:
        return rng.randint(0, 1)
    return min(25, int(rng.gammavariate(1.8, 4.0)))


def _weighted_sample(rng: random.Random, items: list, k: int) -> list:
    """k distinct items, earlier (more popular) ones more likely."""
    pool = list(items)
    chosen = []
    while pool and len(chosen) < k:
        item = rng.choices(pool, weights=[1 / (rank + 3) for rank in range(len(pool))])[0]
        pool.remove(item)
        chosen.append(item)
    return chosen


def _money(amount: float, currency: str) -> Decimal:
    local = amount * _PER_USD[currency]
    step = 5 if _PER_USD[currency] >= 50 else 1
    return Decimal(max(step, round(local / step) * step))


def _freelancer_plan(
    rng: random.Random,
    *,
    taxonomy: DemoTaxonomy,
    index: int,
    email: str,
    name: tuple[str, str],
    category: DemoCategory,
    secondary: DemoCategory | None,
    country_code: str,
    is_new: bool,
    years: int,
    skill_count: int | None = None,
    portfolio_count: int | None = None,
    showcase: PostingShape | None = None,
) -> FreelancerPlan:
    country = COUNTRY_BY_CODE[country_code]
    # How they describe themselves: the category's voice, or the posting role's when that is
    # clearly another kind of work (a "Data Analyst" posting filed under marketing skills).
    archetype: Archetype = category.archetype
    shapes = taxonomy.shapes.get(category.id, ())
    shape: PostingShape | None = showcase
    if shape is None and shapes and rng.random() < 0.6:
        shape = rng.choice(shapes)
    if shape and shape.role and archetype_for(shape.role) is not GENERIC:
        archetype = archetype_for(shape.role)

    skill_ids, free_texts = _skills_pick(
        rng, taxonomy, category, secondary, shape, skill_count or rng.randint(3, 10)
    )
    skills = []
    for position, sid in enumerate(skill_ids):
        # The first skills are the ones they are known for: more of their years went there.
        share = rng.uniform(0.5, 1.0) if position < 3 else rng.uniform(0.1, 0.8)
        skill_years = round(years * share)
        level = max(1, min(5, 1 + min(4, skill_years // 3) + rng.choice((-1, 0, 0, 1))))
        skills.append(SkillPlan(sid, taxonomy.skill_names[sid], level, skill_years))
    for text in free_texts:
        skills.append(SkillPlan(None, text, max(1, min(5, 1 + years // 4)), years // 2))

    top = [taxonomy.skill_names[sid] for sid in skill_ids[:3]]
    while len(top) < 3:
        top.append(top[-1])
    words = {"s1": top[0], "s2": top[1], "s3": top[2], "category": category.name}
    if shape and shape.role:
        role, role_in_text = role_phrases(shape.role, years, common=False)
    else:
        role, role_in_text = role_phrases(
            rng.choice(archetype.roles).format(**words), years, common=True
        )
    headline = rng.choice(archetype.headlines).format(role=role, **words)
    if len(headline) > 120:
        headline = f"{role} · {top[0]}"[:120]

    # Rate: the category's range, scaled by country and by experience.
    low, high = category.archetype.rate
    usd = rng.uniform(low, high) * country.rate_factor * (0.55 + 0.045 * min(years, 20))
    currency = country.currency if rng.random() < 0.3 else "USD"
    rate = _money(max(5.0, usd), currency)
    # The least they would take, in the same currency as their rate.
    min_rate = None
    if rng.random() < 0.6:
        min_rate = Decimal(max(1, round(float(rate) * rng.uniform(0.7, 0.95))))

    languages = pick_languages(rng, country)
    bio = bio_compose(
        rng, archetype, role_in_text, years, country.in_text, words, top, languages, is_new, shape
    )
    if portfolio_count is None:
        has_portfolio = rng.random() < (0.2 if is_new else 0.65)
        portfolio_count = (1 if is_new else rng.randint(1, 3)) if has_portfolio else 0
    portfolio = _portfolio(rng, archetype, skill_ids, taxonomy, email, portfolio_count, shape)
    return FreelancerPlan(
        index=index,
        email=email,
        first_name=name[0],
        last_name=name[1],
        joined_days_ago=(
            rng.uniform(1, NEW_PROFILE_DAYS - 1) if is_new else rng.uniform(91, 6 * 365)
        ),
        profile={
            "headline": headline,
            "bio": bio,
            "hourly_rate": rate,
            "currency": currency,
            "country": country.code,
            "timezone": rng.choice(country.timezones),
            "languages": languages,
            "years_experience": years,
            "availability_hours_per_week": rng.choice((10, 15, 20, 20, 25, 30, 40, 40)),
            "min_rate": min_rate,
            "budget_preference": rng.choices(("any", "hourly", "fixed"), weights=(6, 3, 1))[0],
            "project_size": rng.choices(
                ("any", "small", "medium", "large"), weights=(5, 1.5, 2.5, 1)
            )[0],
            "remote_only": rng.random() < 0.9,
        },
        skills=tuple(skills),
        category_ids=tuple(dict.fromkeys(c.id for c in (category, secondary) if c)),
        portfolio=portfolio,
    )


def _skills_pick(rng, taxonomy, category, secondary, shape, wanted) -> tuple[list, list]:
    """Skill ids, best known first, and at most one free-text skill from a real posting.

    A real posting's combination comes first when there is one, then the category's popular
    skills, then sometimes one or two from a second category.
    """
    skill_ids: list[int] = list(shape.skill_ids[:wanted]) if shape else []
    extra: list[int] = []
    if secondary is not None and secondary.id != category.id:
        candidates = [sid for sid, _n in secondary.skills if sid not in skill_ids]
        extra = _weighted_sample(rng, candidates, min(2, max(0, wanted - 3)))
    pool = [sid for sid, _n in category.skills if sid not in skill_ids and sid not in extra]
    skill_ids += _weighted_sample(rng, pool, wanted - len(skill_ids) - len(extra))
    skill_ids += extra
    if len(skill_ids) < 3:  # a category with very few skills: borrow popular ones elsewhere
        others = [sid for c in taxonomy.categories for sid, _n in c.skills[:5]]
        others = [sid for sid in others if sid not in skill_ids]
        skill_ids += _weighted_sample(rng, others, 3 - len(skill_ids))
    free_texts = []
    if shape and shape.free_texts and len(skill_ids) < 10 and rng.random() < 0.5:
        free_texts.append(rng.choice(shape.free_texts))
    return skill_ids, free_texts


def _portfolio(rng, archetype, skill_ids, taxonomy, email, count, shape) -> tuple:
    """Up to `count` pieces of work with different titles, each naming different skills."""
    titles = [shape.title] if shape else []
    titles += rng.sample(archetype.portfolio, len(archetype.portfolio))
    slug = email.split("@")[0].replace(".", "-")
    items = []
    for n, template in enumerate(titles[:count]):
        used = skill_ids[n : n + 2] or skill_ids[:2]  # each piece shows other skills
        names = [taxonomy.skill_names[sid] for sid in used]
        words = {"s1": names[0], "s2": names[-1]}
        title = template if shape and n == 0 else template.format(**words)
        weeks = rng.randint(2, 16)
        tools = names[0] if len(names) == 1 else f"{names[0]} and {names[1]}"
        description = f"Delivered in {weeks} weeks using {tools}. {rng.choice(WORK_STYLE)}"
        link = f"https://portfolio.example.net/{slug}/{n + 1}/" if rng.random() < 0.7 else ""
        items.append(PortfolioPlan(title[:120], description, link, tuple(used)))
    return tuple(items)

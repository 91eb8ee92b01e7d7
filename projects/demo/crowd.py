"""Plan the large demo's crowd: 100,000 freelancers and 19,500 open projects, written in bulk.

The stories in market.py go through the marketplace services one click at a time, which is
what makes a small demo real, and what would take hours for 20,000 projects. The crowd is the
rest of a big marketplace: open, public projects published over the last two months, not yet
answered, briefs from the same generator the stories use. Each is planned from (seed, index)
alone, like a person, so a seed that stopped half-way carries on with the next index.

Embedding the texts is what takes time (tens a second on this machine), so the crowd repeats
texts the way a real market does, on purpose: past the first few thousand, a freelancer is a
look-alike of an earlier one and a project repeats an earlier brief. Each distinct text is
encoded once (`embed_all` reuses the vector), and `seed_demo` says how many there were.
"""

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from .market import ProjectText, _round_money, text_from_generator
from .people import COUNTRY_BY_CODE, email_slug, pick_name
from .plan import DEMO_DOMAIN, NEW_PROFILE_DAYS, DemoPlanner, FreelancerPlan
from .taxonomy import DemoTaxonomy

# Open projects written in bulk after the stories; large totals 200 + 300 + 19,500 = 20,000.
CROWD_PROJECTS = {"tiny": 0, "small": 0, "medium": 0, "large": 19_500}
# Sizes whose seed also embeds what it wrote in bulk (`seed_demo` runs `embed_all`): smaller
# bulk demos leave that to a separate `embed_all`, as they always have.
EMBEDDED_BY_THE_SEED = ("large",)
# Distinct briefs among the crowd projects. Past these, a project repeats one of them (title,
# description, skills: the same embedded text) for another employer, budget and date, as
# companies post the same kind of work; each distinct text is embedded once.
UNIQUE_PROJECTS = 3_000
CROWD_DAYS = 60  # published within the last two months, more of them recently
_EURO_COUNTRIES = ("DE", "FR", "NL", "ES", "IT", "PT", "IE")
CURRENCY_OF_COUNTRY = {"GB": "GBP", **dict.fromkeys(_EURO_COUNTRIES, "EUR")}


@dataclass(frozen=True)
class CrowdProjectPlan:
    index: int
    employer: int  # position among the crowd employers, in e-mail order
    text: ProjectText
    published_days_ago: float
    created_days_ago: float

    @property
    def required_skills(self) -> tuple[str, ...]:
        return self.text.skills[:5]  # as the stories' project form lists them

    @property
    def nice_skills(self) -> tuple[str, ...]:
        return self.text.skills[5:]


def crowd_project(
    *,
    seed: int,
    index: int,
    taxonomy: DemoTaxonomy,
    category_weights: list[int],
    employer_countries: list[str],
    unique: int | None = None,
) -> CrowdProjectPlan:
    """The crowd project `index`: who posts it, what it asks for, when it was published."""
    unique = UNIQUE_PROJECTS if unique is None else unique
    rng = random.Random(f"gigwise-demo/{seed}/crowd-project/{index}")
    # A few employers post much more than the rest, as in the stories.
    employer = int(len(employer_countries) * rng.random() ** 1.6)
    currency = CURRENCY_OF_COUNTRY.get(employer_countries[employer], "USD")
    brief = index if index < unique else rng.randrange(unique)
    text = _brief(seed, brief, taxonomy, category_weights, currency)
    if brief != index:  # the same work posted again: another budget
        factor = rng.uniform(0.8, 1.25)
        low = _round_money(float(text.budget_min) * factor)
        high = max(low, _round_money(float(text.budget_max) * factor))
        text = replace(text, budget_min=low, budget_max=high)
    published = CROWD_DAYS * rng.random() ** 1.5 + 0.05
    return CrowdProjectPlan(
        index=index,
        employer=employer,
        text=text,
        published_days_ago=published,
        created_days_ago=published + rng.uniform(0.05, 2),
    )


def _brief(seed, n, taxonomy, category_weights, currency) -> ProjectText:
    """Brief `n` of the crowd; its text (not its amounts) is the same in any currency."""
    rng = random.Random(f"gigwise-demo/{seed}/crowd-brief/{n}")
    category = rng.choices(taxonomy.categories, weights=category_weights)[0]
    return text_from_generator(
        rng,
        category,
        budget_type="",  # the kind of budget such work usually has
        currency=currency,
        serial=rng.randrange(1_000),
    )


# The large crowd's freelancers: the first UNIQUE_FREELANCERS are planned one by one, as in
# every demo; each one after them looks like one of those (their "persona"): the same kind of
# work, country, experience, skills, headline, bio and portfolio, so the same embedded text,
# under a name, rate, time zone, availability and preferences of their own. A profile's text is
# what costs time to embed (10 to 25 a second on this 2-core machine), so 100,000 people cost
# what 5,000 do.
UNIQUE_FREELANCERS = 5_000


class CrowdPlanner:
    """Freelancers for any index: unique up to UNIQUE_FREELANCERS, then look-alikes."""

    def __init__(self, planner: DemoPlanner, *, unique: int | None = None):
        self.planner = planner
        self.unique = UNIQUE_FREELANCERS if unique is None else unique
        self._personas: dict[int, FreelancerPlan] = {}

    def freelancer(self, index: int) -> FreelancerPlan:
        if index < self.unique:
            return self.planner.freelancer(index)
        rng = random.Random(f"gigwise-demo/{self.planner.seed}/look-alike/{index}")
        at = rng.randrange(self.unique)
        if at not in self._personas:
            self._personas[at] = self.planner.freelancer(at)
        return look_alike(self._personas[at], rng, index)


def look_alike(persona: FreelancerPlan, rng: random.Random, index: int) -> FreelancerPlan:
    """Someone else with the persona's profile text: their own name, rate and preferences."""
    country = COUNTRY_BY_CODE[persona.profile["country"]]
    first, last = pick_name(rng, country)
    email = f"{email_slug(first)}.{email_slug(last)}.f{index}@{DEMO_DOMAIN}"
    slug = email.split("@")[0].replace(".", "-")
    profile = dict(persona.profile)
    factor = rng.uniform(0.85, 1.15)
    profile["hourly_rate"] = _scaled(profile["hourly_rate"], factor)
    if profile["min_rate"] is not None:
        profile["min_rate"] = min(profile["hourly_rate"], _scaled(profile["min_rate"], factor))
    profile["timezone"] = rng.choice(country.timezones)
    profile["availability_hours_per_week"] = rng.choice((10, 15, 20, 20, 25, 30, 40, 40))
    profile["budget_preference"] = rng.choices(("any", "hourly", "fixed"), weights=(6, 3, 1))[0]
    profile["project_size"] = rng.choices(
        ("any", "small", "medium", "large"), weights=(5, 1.5, 2.5, 1)
    )[0]
    profile["remote_only"] = rng.random() < 0.9
    # Joined about when the persona did: the bio says whether they are new here.
    if persona.joined_days_ago < NEW_PROFILE_DAYS:
        joined = rng.uniform(1, NEW_PROFILE_DAYS - 1)
    else:
        joined = rng.uniform(91, 6 * 365)
    portfolio = tuple(
        replace(work, link=f"https://portfolio.example.net/{slug}/{n + 1}/" if work.link else "")
        for n, work in enumerate(persona.portfolio)
    )
    return replace(
        persona,
        index=index,
        email=email,
        first_name=first,
        last_name=last,
        joined_days_ago=joined,
        profile=profile,
        portfolio=portfolio,
    )


def _scaled(amount: Decimal, factor: float) -> Decimal:
    return Decimal(max(1, round(float(amount) * factor)))

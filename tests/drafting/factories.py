"""Generated freelancers for drafting tests: varied skills, years, portfolios, contracts, reviews.

`person_generate(seed)` builds one with factory_boy and Faker from a seed, so a failing
profile can be rebuilt by its seed alone.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

import factory
import factory.random
from django.utils import timezone
from faker import Faker

from accounts.models import FreelancerProfile, User
from projects.models import (
    Contract,
    FreelancerSkill,
    PortfolioItem,
    Project,
    ProjectSkill,
    Review,
    Skill,
)
from tests.factories import (
    ContractFactory,
    EmployerFactory,
    FreelancerFactory,
    ProjectFactory,
    ReviewFactory,
)


class PortfolioItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioItem
        skip_postgeneration_save = True

    title = factory.Faker("catch_phrase")
    description = factory.Faker("paragraph", nb_sentences=3)
    link = factory.Faker("url")

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


@dataclass
class Person:
    user: User
    profile: FreelancerProfile
    project: Project  # an open project they may draft for
    held: list[Skill] = field(default_factory=list)
    seed: int = 0


def _skill_rows(project: Project, skills: list[Skill], *, required: bool = True) -> None:
    for skill in skills:
        ProjectSkill.objects.get_or_create(
            project=project, skill=skill, defaults={"required": required}
        )


def person_generate(seed: int, pool: list[Skill]) -> Person:
    """One freelancer with random data, and a project sharing some of their skills."""
    rng = random.Random(seed)
    factory.random.reseed_random(seed)
    fake = Faker()
    fake.seed_instance(seed)
    user = FreelancerFactory(email=f"drafter{seed}@example.com")
    profile = user.freelancer_profile
    profile.years_experience = rng.choice([0, 1, 3, 7, 12, 25])
    profile.hourly_rate = Decimal(rng.randrange(15, 160))
    profile.headline = rng.choice(["", fake.job()])
    profile.save()
    held = rng.sample(pool, rng.randint(0, 6))
    for skill in held:
        FreelancerSkill.objects.create(
            profile=profile,
            skill=skill,
            years=rng.choice([0, 1, 2, 4, 9, 15]),
            level=rng.randint(1, 5),
            source=rng.choice(list(FreelancerSkill.Source.values)),
        )
    if rng.random() < 0.3:
        FreelancerSkill.objects.create(profile=profile, free_text="Tarot reading", years=3)
    for _ in range(rng.randint(0, 4)):
        tagged = rng.sample(pool, rng.randint(0, 3))
        PortfolioItemFactory(profile=profile, skills=tagged)
    for _ in range(rng.randint(0, 4)):
        client = EmployerFactory()
        past = ProjectFactory(
            employer=client,
            status=Project.Status.COMPLETED,
            title=fake.bs().capitalize(),
        )
        _skill_rows(past, rng.sample(pool, rng.randint(1, 3)))
        # A quarter ended days ago: their client's review may still be blind (unpublished).
        days = rng.randint(1, 10) if rng.random() < 0.25 else rng.randint(15, 2000)
        ended = timezone.now() - dt.timedelta(days=days)
        contract = ContractFactory(
            project=past,
            freelancer=user,
            title=past.title,
            status=Contract.Status.COMPLETED,
            start_date=(ended - dt.timedelta(days=rng.randint(10, 200))).date(),
            ended_at=ended,
            amount=Decimal(rng.randrange(200, 20000)),
        )
        if rng.random() < 0.7:
            ReviewFactory(
                contract=contract,
                text=fake.paragraph(),
                rating_quality=rng.randint(1, 5),
            )
        if rng.random() < 0.3:
            # The freelancer's review of the client: together with the client's, it publishes.
            ReviewFactory(
                contract=contract,
                author=user,
                subject=client,
                direction=Review.Direction.OF_EMPLOYER,
            )
    project = ProjectFactory(
        budget_type=rng.choice(["fixed", "hourly"]),
        budget_min=Decimal(rng.randrange(10, 100)),
        budget_max=Decimal(rng.randrange(100, 5000)),
        duration_weeks=rng.randint(1, 52),
    )
    wanted = rng.sample(held, min(len(held), rng.randint(0, 3)))
    wanted += rng.sample([s for s in pool if s not in held], rng.randint(0, 3))
    _skill_rows(project, wanted)
    _skill_rows(project, rng.sample([s for s in pool if s not in wanted], rng.randint(0, 2)),
                required=False)  # fmt: skip
    if rng.random() < 0.3:
        ProjectSkill.objects.create(project=project, free_text="Tarot reading", required=True)
    return Person(user=user, profile=profile, project=project, held=held, seed=seed)

"""Counterfactual tests: what a person is (name, gender, country, photo) never moves a match.

A generated market of 40 freelancers and 6 projects is embedded with the real encoder and
ranked both ways. Then each protected attribute of each freelancer is changed, one at a time,
and every score, component, reason and rank of suggested talent and of the person's gig feed
must stay exactly as it was; finally everyone's attributes change at once and every list of
everyone is compared. The stored embedding must not even be recomputed: the text it is made
from holds none of these attributes.
"""

import io
import random
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import FreelancerProfile, SelfDeclaredAttribute
from accounts.services import freelancer_profile_update, user_name_update
from matching.features import talents_load
from matching.models import Embedding
from matching.selectors import gig_feed, suggested_talent
from matching.services import embeddings_refresh
from projects.models import Project
from tests.factories import EmployerFactory
from tests.matching.helpers import freelancer_with, open_project
from tests.projects.factories import small_taxonomy

FREELANCERS = 40
ROLES = [
    ("Backend developer", ["Django", "postgres", "Python"]),
    ("Python engineer", ["Python", "Django"]),
    ("Platform engineer", ["k8s", "PostgreSQL"]),
    ("Front-end developer", ["React", "reactjs"]),
    ("Full-stack developer", ["Django", "React", "Python"]),
    ("Copywriter", ["Copywriting"]),
    ("Data engineer", ["Python", "psql", "Airflow"]),
]
BIOS = [
    "I build {a} services for small teams and keep them running.",
    "Ten projects shipped with {a} and {b}; I write tests first.",
    "Freelance since years, mostly {a}. Clear weekly updates.",
    "{a} and {b} for start-ups in fintech and health.",
]
ZONES = [
    "America/New_York", "America/Sao_Paulo", "America/Mexico_City", "Europe/Berlin",
    "Europe/Warsaw", "Africa/Lagos", "Africa/Nairobi", "Asia/Kolkata", "Asia/Manila",
    "Asia/Ho_Chi_Minh",
]  # fmt: skip
COUNTRIES = ["US", "BR", "MX", "DE", "PL", "NG", "KE", "IN", "PH", "VN", "FR", "EG"]
NAMES = [
    ("Amara", "Okafor"), ("Lena", "Schmidt"), ("Wei", "Zhang"), ("José", "García"),
    ("Priya", "Sharma"), ("John", "Smith"), ("Fatima", "Al-Sayed"), ("Nguyen", "Van An"),
    ("Olga", "Kowalska"), ("Kwame", "Mensah"), ("María José", "Hernández"), ("Ahmed", "Hassan"),
]  # fmt: skip
GENDERS = ["Woman", "Man", "Non-binary"]


def png(colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def market(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    small_taxonomy()
    rng = random.Random(10)
    profiles = []
    for n in range(FREELANCERS):
        role, skills = ROLES[n % len(ROLES)]
        picked = rng.sample(skills, k=rng.randint(1, len(skills)))
        first, last = rng.choice(NAMES)
        profile = freelancer_with(
            headline=role,
            bio=rng.choice(BIOS).format(a=picked[0], b=picked[-1]),
            skills=picked,
            rate=rng.choice([20, 35, 45, 60, 85]),
            years=rng.randint(0, 12),
            hours=rng.choice([10, 20, 30, 40]),
            languages=["en", *rng.sample(["es", "de", "fr", "pt"], k=rng.randint(0, 2))],
            first_name=first,
            last_name=last,
        )
        freelancer_profile_update(
            profile=profile, timezone=rng.choice(ZONES), country=rng.choice(COUNTRIES)
        )
        if n % 3:  # established, so the newcomer boost applies to some and not others
            profile.user.date_joined = timezone.now() - timedelta(days=400)
            profile.user.save(update_fields=["date_joined"])
        if n % 2:
            SelfDeclaredAttribute.objects.create(
                user=profile.user, attribute="gender", value=rng.choice(GENDERS)
            )
        profiles.append(profile)
    employer = EmployerFactory()
    briefs = [
        ("Clinic booking API", "Appointments in Django on PostgreSQL.", ["Django", "PostgreSQL"],
         {"hours": 20}),
        ("Cluster upgrade", "Move our Postgres to Kubernetes.", ["Kubernetes", "postgres"],
         {"region": "europe_africa"}),
        ("Shop front in React", "A product page and cart.", ["React"],
         {"budget_type": "fixed", "budget": (800, 2000)}),
        ("Landing page copy", "Words that convert for a SaaS.", ["Copywriting"],
         {"languages": ["en"]}),
        ("Data pipeline", "Python jobs loading CSVs into PostgreSQL.", ["Python", "PostgreSQL"],
         {"region": "americas", "level": "expert"}),
        ("Django and React app", "Full-stack booking tool.", ["Django", "React", "Python"],
         {"languages": ["en", "es"], "hours": 30}),
    ]  # fmt: skip
    projects = [
        open_project(title=title, description=text, skills=skills, employer=employer, **extra)
        for title, text, skills, extra in briefs
    ]
    embeddings_refresh(kind=Embedding.Kind.FREELANCER, object_ids=[p.pk for p in profiles])
    embeddings_refresh(kind=Embedding.Kind.PROJECT, object_ids=[p.pk for p in projects])
    return {"profiles": profiles, "projects": projects}


def rows(matches) -> list[tuple]:
    """Rank order, with each match's score, components, reasons and boost."""
    return [
        (m.gig_id, m.talent_id, m.score, m.components, m.reasons, m.newcomer_boost) for m in matches
    ]


def employer_side(projects) -> dict[int, list[tuple]]:
    return {p.pk: rows(suggested_talent(project=p, limit=1000).matches) for p in projects}


def freelancer_side(profile) -> list[tuple]:
    return rows(gig_feed(user=profile.user, limit=1000).matches)


def change(profile: FreelancerProfile, attribute: str, n: int) -> None:
    """Give the person another name, gender, country or photo, as they could themselves."""
    if attribute == "name":
        first, last = NAMES[(n + 5) % len(NAMES)]
        user_name_update(user=profile.user, first_name=first, last_name=last)
    elif attribute == "gender":
        SelfDeclaredAttribute.objects.update_or_create(
            user=profile.user, attribute="gender", defaults={"value": GENDERS[n % 3]}
        )
    elif attribute == "country":
        now = profile.country.code
        other = next(c for c in COUNTRIES[n % len(COUNTRIES) :] + COUNTRIES if c != now)
        freelancer_profile_update(profile=profile, country=other)
    elif attribute == "photo":
        profile.photo = png(["red", "green", "blue"][n % 3])
        profile.save(update_fields=["photo"])
    profile.refresh_from_db()


def assert_not_re_embedded(profile) -> None:
    refresh = embeddings_refresh(kind=Embedding.Kind.FREELANCER, object_ids=[profile.pk])
    assert (refresh.embedded, refresh.unchanged) == (0, 1), "the embedded text changed"


def test_the_market_has_matches_to_protect(market):
    employer = employer_side(market["projects"])
    assert all(len(ranked) >= 3 for ranked in employer.values())
    assert sum(len(freelancer_side(p)) > 0 for p in market["profiles"]) >= FREELANCERS // 2
    # Semantic similarity takes part: a name in the embedded text would move it.
    assert any("semantic" in row[3] for ranked in employer.values() for row in ranked)


@pytest.mark.parametrize("attribute", ["name", "gender", "country", "photo"])
def test_changing_one_persons_protected_attribute_moves_no_score_and_no_rank(market, attribute):
    projects = market["projects"]
    before = employer_side(projects)
    features = talents_load([p.pk for p in market["profiles"]])
    compared = 0
    for n, profile in enumerate(market["profiles"]):
        feed = freelancer_side(profile)
        change(profile, attribute, n)
        assert_not_re_embedded(profile)
        assert freelancer_side(profile) == feed, f"{attribute} of {profile.pk} moved their feed"
        assert employer_side(projects) == before, f"{attribute} of {profile.pk} moved a ranking"
        compared += 1
    assert compared == FREELANCERS
    # What the scorer is given is the same, field for field.
    assert talents_load([p.pk for p in market["profiles"]]) == features


def test_changing_everyones_protected_attributes_at_once_moves_nothing_for_anyone(market):
    profiles, projects = market["profiles"], market["projects"]
    employer = employer_side(projects)
    feeds = {p.pk: freelancer_side(p) for p in profiles}
    for n, profile in enumerate(profiles):
        for attribute in ("name", "gender", "country", "photo"):
            change(profile, attribute, n + 1)
    refresh = embeddings_refresh(
        kind=Embedding.Kind.FREELANCER, object_ids=[p.pk for p in profiles]
    )
    assert refresh.embedded == 0
    assert employer_side(projects) == employer
    assert {p.pk: freelancer_side(p) for p in profiles} == feeds
    assert Project.objects.count() == len(projects)

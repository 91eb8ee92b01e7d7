"""The large demo: its sizes, and its bulk path (people, open projects, embeddings) scaled down."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import FreelancerProfile, User
from matching.encoder import encoder
from matching.features import gig_texts, talent_texts
from matching.models import Embedding
from matching.texts import text_hash
from projects.demo import crowd as crowd_plans
from projects.demo.crowd import CROWD_PROJECTS, crowd_project
from projects.demo.history import HISTORY_SIZES
from projects.demo.market import MARKET_SIZES
from projects.demo.plan import CROWD_EMAIL, DEMO_SIZES, LOGIN_EMAILS, DemoPlanner, crowd_sizes
from projects.demo.taxonomy import taxonomy_load
from projects.models import FreelancerSkill, Project, ProjectSkill
from projects.services import demo as demo_service
from projects.services import demo_crowd
from projects.services.demo import demo_users
from projects.services.projects import ProjectDetails, project_create, project_publish
from tests.factories import FreelancerFactory
from tests.projects.test_seed_demo import demo_taxonomy, fingerprint  # noqa: F401 (a fixture)

STORIES = 12 + 2  # the scaled-down large demo's played projects: 12 now, 2 in the past year
CROWD = 23
UNIQUE = 20  # freelancers planned one by one; the other 10 look like one of them


def test_the_large_demo_has_100000_freelancers_and_20000_projects():
    freelancers, employers = crowd_sizes("large")
    assert freelancers >= 100_000
    assert employers >= freelancers // 4  # enough companies to post them
    assert MARKET_SIZES["large"] + HISTORY_SIZES["large"] + CROWD_PROJECTS["large"] >= 20_000
    # Small and medium are as they were: people and projects all played, nothing in bulk.
    assert (DEMO_SIZES["small"], DEMO_SIZES["medium"]) == (200, 2_000)
    assert CROWD_PROJECTS["small"] == CROWD_PROJECTS["medium"] == 0


@pytest.fixture
def scaled_down_large(demo_taxonomy, monkeypatch, settings, tmp_path):  # noqa: F811
    """`--size large` with a few dozen people and projects, in chunks of a few rows."""
    settings.GIGWISE_DATA_DIR = tmp_path  # no reference postings: the generator's own path
    settings.DEBUG = True
    monkeypatch.setitem(DEMO_SIZES, "large", 40)  # 30 freelancers, 10 employers
    monkeypatch.setitem(MARKET_SIZES, "large", 12)
    monkeypatch.setitem(HISTORY_SIZES, "large", 2)
    monkeypatch.setitem(CROWD_PROJECTS, "large", CROWD)
    monkeypatch.setattr(demo_service, "SERVICES_PATH_LIMIT", 5)
    monkeypatch.setattr(demo_service, "PEOPLE_CHUNK", 9)
    monkeypatch.setattr(demo_crowd, "PROJECTS_CHUNK", 5)
    monkeypatch.setattr(crowd_plans, "UNIQUE_FREELANCERS", UNIQUE)
    monkeypatch.setattr(crowd_plans, "UNIQUE_PROJECTS", 15)  # the last 8 repeat a brief


def seed_large() -> str:
    call_command("seed_demo", size="large", stdout=(out := StringIO()), stderr=StringIO())
    return out.getvalue()


def embedded_texts_are_current(kind: str, texts: dict[int, str]) -> bool:
    rows = Embedding.objects.filter(kind=kind, model_version=encoder().version, object_id__in=texts)
    stored = dict(rows.values_list("object_id", "text_hash"))
    return stored == {pk: text_hash(text) for pk, text in texts.items()}


@pytest.mark.django_db
def test_the_large_demo_writes_valid_people_projects_and_embeddings_in_bulk(scaled_down_large):
    someone = FreelancerFactory(email="real.person@example.com")

    output = seed_large()

    freelancers, employers = crowd_sizes("large")
    assert demo_users().filter(role=User.Role.FREELANCER).count() == freelancers + 1
    assert demo_users().filter(role=User.Role.EMPLOYER).count() == employers + 1
    assert "through bulk inserts" in output
    assert f"And {CROWD} open projects for the crowd, written in bulk" in output
    assert "Time per phase: people" in output
    for phase in ("freelancer embeddings", "stories", "crowd projects", "project embeddings"):
        assert phase in output

    crowd = Project.objects.filter(employer__email__endswith="demo.gigwise.local")
    assert crowd.count() == STORIES + CROWD
    open_ = crowd.filter(status="open", visibility="public", published_at__isnull=False)
    assert open_.count() >= CROWD
    for project in open_:
        project.full_clean()
        assert project.skills.filter(required=True).exists()
        assert project.budget_min <= project.budget_max
        assert project.created_at < project.published_at
        if connection.vendor == "postgresql":
            assert project.search_vector  # found by search, as the services leave it

    profiles = FreelancerProfile.objects.filter(user__in=demo_users())
    for profile in profiles:
        profile.full_clean()
        assert profile.hourly_rate
        assert profile.availability_hours_per_week
        assert profile.created_at == profile.user.date_joined
    assert not profiles.filter(skills__isnull=True).exists()
    for skill in FreelancerSkill.objects.filter(profile__in=profiles):
        skill.full_clean()  # a level from 1 to 5, years, a skill or its text

    # Past the first UNIQUE, each freelancer is somebody else with a persona's profile text.
    texts = talent_texts(list(profiles.values_list("pk", flat=True)))
    by_index = {int(m["index"]): p for p in profiles if (m := CROWD_EMAIL.search(p.user.email))}
    unique = {texts[by_index[i].pk] for i in range(UNIQUE)}
    assert len(unique) == UNIQUE
    for i in range(UNIQUE, freelancers):
        assert texts[by_index[i].pk] in unique
    assert len({p.user.get_full_name() for p in profiles}) > UNIQUE

    # Every profile and project is embedded from its current text: embed_all has nothing to do.
    assert embedded_texts_are_current(Embedding.Kind.FREELANCER, texts)
    ids = list(crowd.values_list("pk", flat=True))
    assert embedded_texts_are_current(Embedding.Kind.PROJECT, gig_texts(ids))
    call_command("embed_all", stdout=(out := StringIO()), verbosity=0)
    assert "freelancers: 0 embedded" in out.getvalue()
    assert "projects: 0 embedded" in out.getvalue()

    # Idempotent: a second run creates nothing; --reset leaves real people alone.
    before = (User.objects.count(), Project.objects.count(), Embedding.objects.count())
    assert "nothing to create" in seed_large()
    assert (User.objects.count(), Project.objects.count(), Embedding.objects.count()) == before
    call_command("seed_demo", size="large", reset=True, stdout=StringIO(), stderr=StringIO())
    assert (User.objects.count(), Project.objects.count()) == before[:2]
    assert User.objects.filter(pk=someone.pk).exists()


@pytest.mark.django_db
def test_a_crowd_project_is_what_the_project_services_would_have_written(scaled_down_large):
    seed_large()
    bulk = Project.objects.latest("pk")  # the last crowd project written
    taxonomy = taxonomy_load()
    employers = list(
        demo_users()
        .filter(role=User.Role.EMPLOYER)
        .exclude(email__in=LOGIN_EMAILS.values())
        .order_by("email")
        .values_list("pk", "employer_profile__country")
    )
    plan = crowd_project(
        seed=0,
        index=CROWD - 1,
        taxonomy=taxonomy,
        category_weights=DemoPlanner(seed=0, taxonomy=taxonomy).category_weights,
        employer_countries=[country for _pk, country in employers],
    )
    text = plan.text
    assert bulk.title == text.title
    employer = User.objects.get(pk=employers[plan.employer][0])
    served = project_publish(
        project=project_create(
            employer=employer,
            details=ProjectDetails(
                title=text.title,
                description=text.description,
                budget_type=text.budget_type,
                budget_min=text.budget_min,
                budget_max=text.budget_max,
                duration_weeks=text.duration_weeks,
                currency=text.currency,
                experience_level=text.experience_level,
                category=bulk.category,
                hours_per_week=text.hours_per_week,
                languages=["en"],
                screening_questions=list(text.screening_questions),
                required_skills=list(plan.required_skills),
                nice_skills=list(plan.nice_skills),
            ),
        )
    )

    fields = [
        *("employer_id", "title", "description", "category_id", "budget_type", "budget_min"),
        *("budget_max", "currency", "experience_level", "duration_weeks", "hours_per_week"),
        *("region", "languages", "visibility", "screening_questions", "status", "is_hidden"),
    ]
    served.refresh_from_db()
    assert [getattr(bulk, f) for f in fields] == [getattr(served, f) for f in fields]

    def skills(project):
        rows = ProjectSkill.objects.filter(project=project)
        return sorted(rows.values_list("skill_id", "free_text", "required"), key=str)

    assert skills(bulk) == skills(served)
    if connection.vendor == "postgresql":
        assert bulk.search_vector == served.search_vector
    assert gig_texts([bulk.pk])[bulk.pk] == gig_texts([served.pk])[served.pk]


@pytest.mark.django_db
def test_a_large_seed_that_crashed_carries_on_without_duplicates(scaled_down_large, monkeypatch):
    real_write = demo_crowd._projects_write
    calls = []

    def crash_on_the_third_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the machine went away")
        real_write(*args, **kwargs)

    monkeypatch.setattr(demo_crowd, "_projects_write", crash_on_the_third_chunk)
    with pytest.raises(RuntimeError):
        seed_large()
    # People, stories and two chunks of crowd projects were committed before the crash.
    people = fingerprint()
    assert Project.objects.count() == STORIES + 2 * demo_crowd.PROJECTS_CHUNK

    monkeypatch.setattr(demo_crowd, "_projects_write", real_write)
    seed_large()

    assert fingerprint() == people
    assert Project.objects.count() == STORIES + CROWD  # the rest, and nothing twice
    call_command("embed_all", stdout=(out := StringIO()), verbosity=0)
    assert "projects: 0 embedded" in out.getvalue()

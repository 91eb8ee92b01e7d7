import pytest

from insights.models import SkillMarket
from learning.services.catalogue import courses_import
from projects.models import Skill, SkillAlias, SkillCategory, TaxonomyImport
from projects.services.taxonomy import ImportReport, taxonomy_import
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory
from tests.matching.helpers import freelancer_with, open_project


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Factories hash a real password per user; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def freelancer(db):
    return FreelancerFactory()


@pytest.fixture
def employer(db):
    return EmployerFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture(autouse=True)
def fresh_exchange_rates():
    """A rate a test edits is rolled back with its transaction; the process copy must go too."""
    from projects.money import exchange_rates_changed

    yield
    exchange_rates_changed()


# --- The skill taxonomy as `import_skills` builds it ------------------------------------
@pytest.fixture
def builtin_taxonomy(db) -> ImportReport:
    """The curated taxonomy imported as `import_skills --builtin-only` does."""
    return taxonomy_import(builtin_only=True, force=True)


@pytest.fixture(scope="module")
def builtin_taxonomy_module(django_db_setup, django_db_blocker):
    """The curated taxonomy imported once, for a module of tests that only read it."""
    with django_db_blocker.unblock():
        taxonomy_import(builtin_only=True, force=True)
    yield
    with django_db_blocker.unblock():
        for model in (SkillAlias, Skill, SkillCategory, TaxonomyImport):
            model.objects.all().delete()


# --- Learning: the course catalogue and a planted market (tests/learning, tests/browser) --
@pytest.fixture
def catalogue(builtin_taxonomy):
    """The built-in taxonomy and the built-in course catalogue, as `make run` imports them."""
    courses_import(builtin_only=True)


@pytest.fixture
def planted_market(catalogue) -> dict:
    """A Django developer; open gigs that also want Docker (most), Kubernetes, or React."""
    developer = freelancer_with(
        headline="Django developer", bio="I build web backends in Django.", skills=["Django"],
        rate=50, email="dev@example.com",
    )  # fmt: skip
    developer.skills.update(level=4)
    employer = EmployerFactory()
    wanted = [["Django", "Docker"]] * 4 + [["Django", "Kubernetes"]] * 2 + [["Django", "React"]]
    for n, skills in enumerate(wanted):
        open_project(
            title=f"Django backend {n}",
            description=f"A Django service with {', '.join(skills[1:])}.",
            skills=skills,
            employer=employer,
            budget=(30, 60),
        )
    growth = {"Docker": 0.3, "Kubernetes": 0.1, "React": 0.0, "Django": 0.0}
    for name, value in growth.items():
        SkillMarket.objects.create(
            skill=Skill.objects.get(name=name), growth=value, projects_year=20, open_projects=5
        )
    return {"developer": developer, "employer": employer}

import pytest

from projects.models import Skill, SkillAlias, SkillCategory, TaxonomyImport
from projects.services.taxonomy import ImportReport, taxonomy_import
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory


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

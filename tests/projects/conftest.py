from pathlib import Path

import pytest
from django.conf import settings

from projects.models import Skill, SkillAlias, SkillCategory, TaxonomyImport
from projects.reference.esco import ESCO_SKILLS_FILE
from projects.reference.onet import ONET_TECHNOLOGY_FILE
from projects.services.taxonomy import ImportReport, taxonomy_import
from tests.projects.factories import small_taxonomy


@pytest.fixture
def taxonomy(db):
    return small_taxonomy()


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


@pytest.fixture
def reference_data_dir() -> Path:
    """settings.GIGWISE_DATA_DIR when it holds the O*NET and ESCO files; else the test skips."""
    path = Path(settings.GIGWISE_DATA_DIR)
    if not all((path / name).is_file() for name in (ONET_TECHNOLOGY_FILE, ESCO_SKILLS_FILE)):
        pytest.skip(f"Reference data not found in {path}: set GIGWISE_DATA_DIR to a copy of it")
    return path

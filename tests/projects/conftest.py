from pathlib import Path

import pytest
from django.conf import settings

from projects.reference.esco import ESCO_SKILLS_FILE
from projects.reference.onet import ONET_TECHNOLOGY_FILE
from tests.projects.factories import small_taxonomy


@pytest.fixture
def taxonomy(db):
    return small_taxonomy()


@pytest.fixture
def reference_data_dir() -> Path:
    """settings.GIGWISE_DATA_DIR when it holds the O*NET and ESCO files; else the test skips."""
    path = Path(settings.GIGWISE_DATA_DIR)
    if not all((path / name).is_file() for name in (ONET_TECHNOLOGY_FILE, ESCO_SKILLS_FILE)):
        pytest.skip(f"Reference data not found in {path}: set GIGWISE_DATA_DIR to a copy of it")
    return path

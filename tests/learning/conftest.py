import pytest

from matching.index import vector_index_reset
from matching.skills_in_text import skill_index_reset


@pytest.fixture(autouse=True)
def fresh_matching_caches():
    """Each test builds its own taxonomy; a process cache must not carry it over."""
    skill_index_reset()
    vector_index_reset()
    yield
    skill_index_reset()
    vector_index_reset()

# Each test builds its own taxonomy: matching's process caches must not carry it over.
from tests.matching.conftest import fresh_matching_caches  # noqa: F401

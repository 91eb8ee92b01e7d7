import pytest

# Each test builds its own taxonomy and vectors: matching's process caches must not carry them.
from tests.matching.conftest import fresh_matching_caches  # noqa: F401


@pytest.fixture
def no_encoder(monkeypatch):
    """Drafting without the language model: relevance falls back to word overlap."""
    monkeypatch.setattr("drafting.services.encoder_or_none", lambda: None)

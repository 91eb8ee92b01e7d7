import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Photos and export ZIPs go to a folder of the test's own, deleted with it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVACY_EXPORT_ROOT = tmp_path / "data-exports"
    settings.BILLING_EXPORT_ROOT = tmp_path / "invoice-exports"
    return tmp_path

"""Production serves hashed, compressed static files: `collectstatic` must build them."""

import json

from django.core.management import call_command


def test_collectstatic_builds_the_manifest_that_production_serves(tmp_path, settings):
    """The Dockerfile runs this: a vendored file naming a missing one (a source map) breaks it."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/htmx/htmx.min.js" in paths
    hashed = tmp_path / paths["vendor/htmx/htmx.min.js"]
    assert hashed.exists()
    assert hashed.with_name(hashed.name + ".gz").exists()

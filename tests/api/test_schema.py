"""The API's contract: docs/openapi.yaml is what the code generates, and it is complete."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
METHODS = {"get", "post", "put", "patch", "delete"}
REGENERATE = "DEBUG=1 .venv/bin/python manage.py spectacular --file docs/openapi.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn")
    return out.read_text()


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def test_committed_schema_is_what_the_code_generates(generated):
    assert COMMITTED.read_text() == generated, (
        f"The API changed but docs/openapi.yaml did not. If on purpose, run: {REGENERATE}"
    )


def test_every_operation_has_a_summary_typed_bodies_and_its_errors(generated):
    schema = yaml.safe_load(generated)
    for name, operation in operations(schema):
        assert operation.get("summary"), f"{name} has no summary (the docstring's first line)"
        responses = operation["responses"]
        assert {"401", "429"} <= set(responses), f"{name} does not declare 401 and 429"
        for code, response in responses.items():
            if code == "204":
                continue
            # Files (an invoice's PDF, a data export's ZIP) are typed binary bodies of their own
            # media type.
            content = response["content"]
            file = content.get("application/pdf") or content.get("application/zip")
            body = (content.get("application/json") or file)["schema"]
            assert body.get("$ref") or body.get("type"), f"{name} {code} has an untyped body"
        if "requestBody" in operation:
            assert "400" in responses, f"{name} takes input but declares no 400"
        if "{" in name:
            assert "404" in responses, f"{name} names an object but declares no 404"


def test_schema_and_its_readers_are_served(client, db):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "Gigwise API"
    for name in ("api:docs", "api:redoc"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        html = page.content.decode()
        assert "http://" not in html.replace("http://testserver", "")
        assert "https://" not in html, f"{name} loads something from another site"

"""Every API operation has a row in some endpoint-by-role table (tests/api/test_*_api.py)."""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from tests.api.matrix import Row

HERE = Path(__file__).parent


def _api_operations() -> set[tuple[str, str]]:
    found = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and namespace == "api:" and pattern.name:
                view = pattern.callback
                cls = getattr(view, "cls", None)
                if cls is None or pattern.name in {"schema", "docs", "redoc"}:
                    continue
                for method in ("get", "post", "put", "patch", "delete"):
                    if hasattr(cls, method):
                        found.add((f"api:{pattern.name}", method))

    walk(get_resolver().url_patterns)
    return found


def _rows() -> set[tuple[str, str]]:
    covered = set()
    for path in HERE.glob("test_*_api.py"):
        module = importlib.import_module(f"tests.api.{path.stem}")
        for row in getattr(module, "ROWS", []):
            assert isinstance(row, Row)
            covered.add((row.url_name, row.method))
    return covered


def test_every_api_operation_is_in_a_role_matrix():
    missing = sorted(_api_operations() - _rows())
    assert not missing, f"API operations with no endpoint-by-role row: {missing}"

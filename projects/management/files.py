"""Reading the files management commands are given, with a clear error for a bad one."""

import json
from pathlib import Path

from django.core.management.base import CommandError


def json_object_load(path: Path) -> dict:
    """The JSON object in `path`; CommandError if the file is missing, not JSON or not an object."""
    if not path.is_file():
        raise CommandError(f"No such file: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise CommandError(f"{path} is not a JSON file: {error}") from error
    if not isinstance(data, dict):
        raise CommandError(f"{path} should hold a JSON object.")
    return data

"""One database row as a JSON-ready dict: every concrete field by default, machine-readable.

Relations are written as ids (`project_id`), many-to-many fields as lists of ids, money as
decimal strings (never floats), moments as ISO 8601 with their offset, files by their name.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

Extra = Mapping[str, Callable[[Any], Any]]


def json_value(value: Any) -> Any:
    """A value any JSON reader understands, without losing precision."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): json_value(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_value(inner) for inner in value]
    if isinstance(value, bytes | memoryview):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    # Countries, time zones and the like: their text form is what the person typed or chose.
    return str(value)


def exported_fields(model: type[models.Model], exclude: Iterable[str]) -> list[models.Field]:
    skipped = set(exclude)
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in skipped and field.attname not in skipped
    ]


def exported_many(model: type[models.Model], exclude: Iterable[str]) -> list[models.Field]:
    skipped = set(exclude)
    return [field for field in model._meta.many_to_many if field.name not in skipped]


def row_record(
    row: models.Model,
    *,
    fields: list[models.Field],
    many: list[models.Field],
    extra: Extra | None = None,
) -> dict[str, Any]:
    """The row's fields (ids for relations), its many-to-many ids, then any `extra` values."""
    record = {field.attname: json_value(getattr(row, field.attname)) for field in fields}
    for field in many:
        # Prefetched by the section's query, so this reads memory, not the database.
        record[f"{field.name}_ids"] = sorted(item.pk for item in getattr(row, field.name).all())
    for key, read in (extra or {}).items():
        record[key] = json_value(read(row))
    return record

"""Walks over every installed model: where planted values are, and a snapshot of all rows."""

import json

from django.apps import apps
from django.db import models

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)


def text_fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if isinstance(field, TEXT_FIELDS)]


def planted_places(planted: dict[str, str]) -> dict[str, set[str]]:
    """For each planted label, the "app.Model.field" places whose value contains it."""
    wanted = {label: value.lower() for label, value in planted.items()}
    places: dict[str, set[str]] = {}
    for model in apps.get_models():
        fields = text_fields(model)
        if not fields:
            continue
        for row in model._base_manager.values_list(*[field.attname for field in fields]):
            for field, value in zip(fields, row, strict=True):
                if value in (None, "", [], {}):
                    continue
                text = (value if isinstance(value, str) else json.dumps(value)).lower()
                for label, needle in wanted.items():
                    if needle in text:
                        places.setdefault(label, set()).add(f"{model._meta.label}.{field.name}")
    return places


def models_walked() -> int:
    return sum(1 for model in apps.get_models() if text_fields(model))


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every model, as values, so two states of the database can be compared."""
    state = {}
    for model in apps.get_models():
        names = [field.attname for field in model._meta.concrete_fields]
        rows = model._base_manager.order_by("pk").values_list(*names)
        state[model._meta.label] = [tuple(_plain(value) for value in row) for row in rows]
    return state


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value

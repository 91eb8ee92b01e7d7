"""The admin site Gigwise registers its models with: Django's, with every date-and-time field
named for screen readers.

Django's split date-and-time widget shows "Date:" and "Time:" beside its two boxes as plain
text, tied to neither; axe counts each unnamed box as a critical violation. Every ModelAdmin
registered here gets the labelled widget unless it chose another.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.db.models.base import ModelBase


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each with a name."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], ("Date", "Time"), strict=True):
            subwidget["attrs"]["aria-label"] = label
        return context


class GigwiseAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        registered = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in registered:
            if model not in self._registry:  # Django skips swapped models (auth's User)
                continue
            overrides = self._registry[model].formfield_overrides
            chosen = overrides.get(models.DateTimeField, {})
            if chosen.get("widget") is AdminSplitDateTime:
                overrides[models.DateTimeField] = {**chosen, "widget": LabelledSplitDateTime}

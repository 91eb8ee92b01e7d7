"""Every date-and-time box in the admin has a name a screen reader reads (axe: critical)."""

import re

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime

from tests.factories import UserFactory


def test_every_admin_form_names_its_date_and_time_boxes(rf, db):
    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_add_permission(request):
            continue  # read-only in the admin: shown as text, no boxes
        form = model_admin.get_form(request)()
        for field in form:
            if not isinstance(field.field.widget, AdminSplitDateTime):
                continue
            boxes = re.findall(r"<input (?![^>]*type=\"hidden\")[^>]*>", str(field))
            assert len(boxes) == 2, (model.__name__, field.name)
            assert 'aria-label="Date"' in boxes[0], (model.__name__, field.name)
            assert 'aria-label="Time"' in boxes[1], (model.__name__, field.name)
            checked += 1
    assert checked >= 8  # contracts, milestones, projects, schedules, ...

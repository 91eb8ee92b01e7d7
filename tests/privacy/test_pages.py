"""Privacy pages beyond who may open them (that is tests/permissions, the one matrix).

World: freelancer X with a built data export, employer A who hired X, stranger freelancer Y,
stranger employer B, staff, and anonymous.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from privacy.selectors import EXPORT_KIND
from privacy.services.exports import data_export_run
from projects.models import Job
from projects.services.jobs import job_create
from tests.factories import ContractFactory, EmployerFactory, FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db
SECRET_HEADLINE = "Private headline of X: between jobs, open to offers"


@dataclass
class World:
    users: dict[str, Any]
    job: Job


def world_build() -> World:
    a, x = EmployerFactory(), FreelancerFactory()
    x.freelancer_profile.headline = SECRET_HEADLINE
    x.freelancer_profile.save()
    ContractFactory(employer=a, project__employer=a, freelancer=x)
    job = job_create(user=x, kind=EXPORT_KIND, title="Your data from Gigwise")
    data_export_run(job_id=job.pk)
    users = {"X": x, "A": a, "Y": FreelancerFactory(), "B": EmployerFactory(),
             "staff": StaffFactory(), "anonymous": None}  # fmt: skip
    return World(users, job)


def test_the_deletion_page_names_what_blocks_it(client):
    world = world_build()
    client.force_login(world.users["X"])
    page = client.get(reverse("privacy:delete")).content.decode()
    assert "cannot be deleted yet" in page
    assert "End or complete your active contracts first" in page
    client.force_login(world.users["Y"])
    assert "cannot be deleted yet" not in client.get(reverse("privacy:delete")).content.decode()

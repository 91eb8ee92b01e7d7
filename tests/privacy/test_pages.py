"""Every privacy page, as every role: your own data for you, a 404 for anybody else's export.

World: freelancer X with a built data export, employer A who hired X, stranger freelancer Y,
stranger employer B, staff, and anonymous.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from privacy.selectors import EXPORT_KIND
from privacy.services.exports import data_export_run
from projects.models import Job
from projects.services.jobs import job_create
from tests.factories import ContractFactory, EmployerFactory, FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "X", "Y", "A", "B", "staff")
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


SIGNED_IN = {"X": 200, "Y": 200, "A": 200, "B": 200, "staff": 200, "anonymous": 302}
REDIRECTED = {**SIGNED_IN, "X": 302, "Y": 302, "A": 302, "B": 302, "staff": 302}
# (url name, kwargs from the world, method, body, expected per role)
ROWS = [
    ("privacy:data", {}, "get", None, SIGNED_IN),
    ("privacy:export", {}, "post", {}, REDIRECTED),
    ("privacy:export-download", {"job_pk": "job"}, "get", None,
     {"X": 200, "Y": 404, "A": 404, "B": 404, "staff": 404, "anonymous": 302}),
    ("privacy:delete", {}, "get", None, SIGNED_IN),
    ("privacy:delete", {}, "post", {"confirmation": "not the password"},
     {**SIGNED_IN, "X": 400, "Y": 400, "A": 400, "B": 400, "staff": 400}),
    ("privacy:delete-cancel", {}, "post", {}, REDIRECTED),
]  # fmt: skip


def _params():
    return [
        pytest.param(row, role, id=f"{row[2].upper()} {row[0]} as {role}")
        for row in ROWS
        for role in ROLES
    ]


@pytest.mark.parametrize(("row", "role"), _params())
def test_who_gets_what(row, role, client):
    name, kwargs, method, body, expected = row
    world = world_build()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs={k: getattr(world, v).pk for k, v in kwargs.items()})
    response = getattr(client, method)(url, body or {})
    assert response.status_code == expected[role], response.content[:300]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    if response.status_code == 404:
        assert SECRET_HEADLINE.encode() not in response.content
        assert b"PK\x03\x04" not in response.content  # no ZIP


def test_every_privacy_url_is_in_the_matrix():
    names = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "privacy":
            names |= {
                f"privacy:{p.name}" for p in pattern.url_patterns if isinstance(p, URLPattern)
            }
    assert names == {row[0] for row in ROWS}


def test_the_deletion_page_names_what_blocks_it(client):
    world = world_build()
    client.force_login(world.users["X"])
    page = client.get(reverse("privacy:delete")).content.decode()
    assert "cannot be deleted yet" in page
    assert "End or complete your active contracts first" in page
    client.force_login(world.users["Y"])
    assert "cannot be deleted yet" not in client.get(reverse("privacy:delete")).content.decode()

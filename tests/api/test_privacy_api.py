"""/api/v1/me/export/ and /api/v1/me/deletion/: who gets what, and what the API answers."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from privacy.models import AccountDeletion
from privacy.selectors import EXPORT_KIND
from privacy.services.exports import data_export_run
from projects.models import Job
from projects.services.jobs import job_create
from tests.api import matrix
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import PASSWORD, FreelancerFactory

pytestmark = pytest.mark.django_db

_world_build = matrix.world_build


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVACY_EXPORT_ROOT = tmp_path / "data-exports"


def privacy_world() -> matrix.World:
    """The matrix's world plus the freelancer's built data export and their pending deletion
    (their contract with the employer is active, so the employer cannot ask for one)."""
    world = _world_build()
    world.export_job = job_create(user=world.freelancer, kind=EXPORT_KIND, title="Your data")
    data_export_run(job_id=world.export_job.pk)
    now = timezone.now()
    AccountDeletion.objects.create(
        user=world.freelancer, requested_at=now, purge_after=now + dt.timedelta(days=14)
    )
    return world


ROWS = [
    Row("api:privacy-export", "post", expect=codes(202, anonymous=401)),
    Row(
        "api:privacy-export-download",
        "get",
        {"job_id": "export_job"},
        expect=codes(404, anonymous=401, freelancer=200),
    ),
    Row("api:privacy-deletion", "get", expect=codes(200, anonymous=401)),
    Row(
        "api:privacy-deletion",
        "post",
        body={"confirmation": PASSWORD},
        # Already scheduled (200); an active contract (400); nothing in the way (201).
        expect=codes(201, anonymous=401, freelancer=200, employer=400),
    ),
    Row("api:privacy-deletion", "delete", expect=codes(404, anonymous=401, freelancer=204)),
]


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_privacy_matrix(row, role, client_for, anon_client, monkeypatch):
    monkeypatch.setattr(matrix, "world_build", privacy_world)
    matrix_check(row, role, client_for, anon_client)


def test_an_export_through_the_api_is_a_job_then_a_zip(
    client_for, django_capture_on_commit_callbacks
):
    client = client_for(FreelancerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("api:privacy-export"))
    assert started.status_code == 202
    job = client.get(reverse("api:job-detail", args=[started.json()["id"]])).json()
    assert (job["state"], job["percent"]) == ("succeeded", 100)
    download = client.get(job["result"]["api_download_url"])
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert json.loads(archive.read("manifest.json"))["format"] == "gigwise-data-export"

    Job.objects.filter(pk=job["id"]).update(finished_at=timezone.now() - dt.timedelta(days=8))
    expired = client.get(job["result"]["api_download_url"])
    assert expired.status_code == 404
    assert "expired" in expired.json()["detail"]


def test_deletion_through_the_api_asks_for_the_password_says_when_and_can_be_cancelled(
    client_for,
):
    user = FreelancerFactory()
    client = client_for(user)
    url = reverse("api:privacy-deletion")
    status = client.get(url).json()
    assert (status["pending"], status["blockers"], status["confirmation"]) == (
        False,
        [],
        "password",
    )

    wrong = client.post(url, {"confirmation": "guess"}, format="json")
    assert wrong.status_code == 400
    assert "not your password" in wrong.json()["fields"]["confirmation"][0]

    asked = client.post(url, {"confirmation": PASSWORD}, format="json")
    assert asked.status_code == 201
    scheduled = AccountDeletion.objects.get(user=user)
    assert asked.json()["purge_after"] == scheduled.purge_after.isoformat().replace("+00:00", "Z")

    assert client.delete(url).status_code == 204
    assert client.get(url).json()["pending"] is False
    assert client.delete(url).status_code == 404

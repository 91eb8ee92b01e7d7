"""Download my data: the job and its progress, the private link that expires, the readable index."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import FreelancerProfile
from privacy.sections import SECTIONS
from privacy.services.exports import data_export_create, data_export_run, data_exports_expire
from privacy.storage import export_name, export_storage
from projects.models import Job
from tests.factories import FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _export(user, capture) -> Job:
    with capture(execute=True):
        job = data_export_create(user=user)
    job.refresh_from_db()
    return job


def test_the_job_advances_section_by_section_and_links_the_zip(
    freelancer, django_capture_on_commit_callbacks
):
    job = _export(freelancer, django_capture_on_commit_callbacks)
    assert (job.state, job.done, job.total) == ("succeeded", len(SECTIONS), len(SECTIONS))
    assert job.result_url == reverse("privacy:export-download", args=[job.pk])
    assert job.result["api_download_url"] == reverse("api:privacy-export-download", args=[job.pk])
    assert f"in {len(SECTIONS)} sections" in job.result["summary"]
    assert export_storage().exists(export_name(job_id=job.pk))


def test_asking_again_while_it_builds_returns_the_same_job(freelancer):
    first = data_export_create(user=freelancer)  # no commit in this test: it never runs
    assert data_export_create(user=freelancer) == first
    assert Job.objects.filter(user=freelancer, kind="privacy.data_export").count() == 1


def test_only_the_person_downloads_it_not_staff_not_others(
    client, freelancer, django_capture_on_commit_callbacks
):
    job = _export(freelancer, django_capture_on_commit_callbacks)
    url = reverse("privacy:export-download", args=[job.pk])
    for somebody in (FreelancerFactory(), StaffFactory()):
        client.force_login(somebody)
        assert client.get(url).status_code == 404
    client.force_login(freelancer)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_link_expires_after_a_week_and_the_beat_task_deletes_the_file(
    client, freelancer, django_capture_on_commit_callbacks
):
    job = _export(freelancer, django_capture_on_commit_callbacks)
    url = reverse("privacy:export-download", args=[job.pk])
    client.force_login(freelancer)
    assert client.get(url).status_code == 200
    assert data_exports_expire() == 0  # a fresh export stays

    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=7, hours=1))
    assert client.get(url).status_code == 404  # the link refuses at once
    page = client.get(reverse("privacy:data")).content.decode()
    assert "the link has expired" in page
    assert data_exports_expire() == 1
    assert not export_storage().exists(export_name(job_id=job.pk))
    assert data_exports_expire() == 0  # twice deletes nothing more
    job.refresh_from_db()
    assert job.result_url == ""


def test_the_index_is_readable_and_escapes_what_people_typed(
    client, freelancer, django_capture_on_commit_callbacks
):
    FreelancerProfile.objects.filter(user=freelancer).update(
        headline="<script>alert('x')</script> Django & co"
    )
    job = _export(freelancer, django_capture_on_commit_callbacks)
    client.force_login(freelancer)
    response = client.get(reverse("privacy:export-download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    index = archive.read("index.html").decode()
    assert "<script>" not in index
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Django &amp; co" in index
    for section in SECTIONS:
        assert f'href="{section.name}.json"' in index
    profile = json.loads(archive.read("freelancer_profile.json"))
    assert profile["rows"][0]["headline"].startswith("<script>")  # JSON keeps it as typed
    assert profile["rows"][0]["hourly_rate"] == "45.00"  # money as a decimal string


def test_the_page_shows_the_progress_then_the_download(client, freelancer):
    client.force_login(freelancer)
    job = data_export_create(user=freelancer)  # queued: its task runs after commit
    page = client.get(reverse("privacy:data")).content.decode()
    assert f'hx-get="{reverse("projects:job-detail", args=[job.pk])}"' in page

    data_export_run(job_id=job.pk)  # what the worker does
    page = client.get(reverse("privacy:data")).content.decode()
    assert "Download the ZIP" in page
    assert reverse("privacy:export-download", args=[job.pk]) in page


def test_a_zip_whose_job_is_gone_is_deleted_by_the_next_expiry_run(
    freelancer, django_capture_on_commit_callbacks
):
    job = _export(freelancer, django_capture_on_commit_callbacks)
    kept = _export(FreelancerFactory(), django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job.pk).delete()  # as a purge running alongside the build would
    assert data_exports_expire() == 1
    assert not export_storage().exists(export_name(job_id=job.pk))
    assert export_storage().exists(export_name(job_id=kept.pk))

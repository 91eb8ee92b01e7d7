"""/api/v1/jobs/<id>/: the progress of your own background job, and nobody else's."""

import pytest
from django.urls import reverse

from projects.models import Job
from projects.services.jobs import job_advance, job_create, job_fail, job_start, job_succeed
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import FreelancerFactory

ROWS = [
    Row(
        "api:job-detail",
        "get",
        {"pk": "job"},
        expect=codes(404, anonymous=401, freelancer=200),
    ),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("row", "role"), matrix_params(ROWS))
def test_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


def test_progress_is_reported_as_the_job_goes(client_for):
    user = FreelancerFactory()
    job = job_create(user=user, kind="billing.pdfs", title="Invoices as PDF")
    url = reverse("api:job-detail", args=[job.pk])
    client = client_for(user)
    assert client.get(url).json()["state"] == "queued"

    job_start(job_id=job.pk, total=4)
    job_advance(job_id=job.pk, done=1)
    body = client.get(url).json()
    assert (body["state"], body["done"], body["total"], body["percent"]) == ("running", 1, 4, 25)

    job_succeed(job_id=job.pk, result={"summary": "4 invoices"}, result_url="/invoices/")
    body = client.get(url).json()
    assert (body["state"], body["percent"], body["result_url"]) == ("succeeded", 100, "/invoices/")
    assert body["result"] == {"summary": "4 invoices"}


def test_a_retried_task_does_not_restart_a_finished_job():
    job = job_create(user=FreelancerFactory(), kind="billing.pdfs", title="Invoices as PDF")
    job_start(job_id=job.pk, total=2)
    job_succeed(job_id=job.pk, result={"summary": "2 invoices"})

    assert job_start(job_id=job.pk, total=2) is None
    job_fail(job_id=job.pk, error="late failure of a duplicate delivery")
    job.refresh_from_db()
    assert (job.state, job.error) == (Job.State.SUCCEEDED, "")


def test_a_failed_job_says_why_on_its_page(client):
    user = FreelancerFactory()
    job = job_create(user=user, kind="billing.pdfs", title="Invoices as PDF")
    job_start(job_id=job.pk, total=3)
    job_fail(job_id=job.pk, error="Invoice 2026-0007 has no lines.")

    client.force_login(user)
    page = client.get(reverse("projects:job-detail", args=[job.pk]))
    assert "Invoice 2026-0007 has no lines." in page.content.decode()
    assert "hx-trigger" not in page.content.decode()  # a finished job stops polling

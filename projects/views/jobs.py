"""A job's progress: a page of its own, and the fragment htmx polls until the job finishes."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from projects.selectors.jobs import job_get_for_user


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get_for_user(user=request.user, pk=pk)
    template = "projects/_job.html" if request.htmx else "projects/job_detail.html"
    return render(request, template, {"job": job})

"""The learning path page: gaps, recommended courses, and the freelancer's own courses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.views import role_required

from .forms import LearnerSettingsForm, ProgressForm
from .models import Course, Enrollment
from .selectors import enrollment_get_for_user, learning_path
from .services.enrollments import (
    enrollment_complete,
    enrollment_progress_set,
    enrollment_start,
    learner_settings_set,
)
from .services.plans import learning_plan_compute, learning_plan_ensure

PATH = "learning:path"


def _page(request: HttpRequest, *, status: int = 200, **forms) -> HttpResponse:
    profile = request.user.freelancer_profile
    path = learning_path(profile=profile)
    bound = forms.get("progress_forms", {})
    refused = None
    for enrollment in path.in_progress:
        enrollment.form = bound.get(enrollment.pk) or ProgressForm(
            prefix=f"e{enrollment.pk}", initial={"progress": enrollment.progress}
        )
        if enrollment.form.errors:
            # Focused, so the browser scrolls to it; the alert at the top says where it is.
            enrollment.form.fields["progress"].widget.attrs["autofocus"] = True
            refused = enrollment
    context = {
        "path": path,
        "refused": refused,
        "settings_form": forms.get("settings_form") or LearnerSettingsForm(instance=path.settings),
    }
    return render(request, "learning/path.html", context, status=status)


@role_required(User.Role.FREELANCER)
@require_GET
def learning_path_page(request: HttpRequest) -> HttpResponse:
    # First visit: computed now, not after the nightly run.
    learning_plan_ensure(profile=request.user.freelancer_profile)
    return _page(request)


@role_required(User.Role.FREELANCER)
@require_POST
def learning_plan_refresh(request: HttpRequest) -> HttpResponse:
    learning_plan_compute(profile=request.user.freelancer_profile)
    messages.success(request, "Your skill gaps and courses were computed again just now.")
    return redirect(PATH)


@role_required(User.Role.FREELANCER)
@require_POST
def learner_settings_update(request: HttpRequest) -> HttpResponse:
    profile = request.user.freelancer_profile
    form = LearnerSettingsForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, settings_form=form)
    learner_settings_set(profile=profile, **form.cleaned_data)
    messages.success(request, "Saved. The recommended courses follow your choice.")
    return redirect(PATH)


@role_required(User.Role.FREELANCER)
@require_POST
def enrollment_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.listed(), pk=course_id)
    enrollment_start(profile=request.user.freelancer_profile, course=course)
    messages.success(
        request, f"You are enrolled in “{course.title}”. Open it on {course.provider}'s site."
    )
    return redirect(f"{reverse(PATH)}#my-courses")


@role_required(User.Role.FREELANCER)
@require_POST
def enrollment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = enrollment_get_for_user(profile=request.user.freelancer_profile, pk=pk)
    form = ProgressForm(request.POST, prefix=f"e{enrollment.pk}")
    if form.is_valid():
        try:
            enrollment = enrollment_progress_set(
                enrollment=enrollment, progress=form.cleaned_data["progress"]
            )
        except ValidationError as error:
            form.add_error("progress", error.message_dict.get("progress", error.messages))
    if form.errors:
        return _page(request, status=400, progress_forms={enrollment.pk: form})
    messages.success(request, _progress_message(enrollment))
    return redirect(PATH)


@role_required(User.Role.FREELANCER)
@require_POST
def enrollment_finish(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = enrollment_get_for_user(profile=request.user.freelancer_profile, pk=pk)
    enrollment = enrollment_complete(enrollment=enrollment)
    messages.success(request, _progress_message(enrollment))
    return redirect(PATH)


def _progress_message(enrollment: Enrollment) -> str:
    if not enrollment.is_completed:
        return f"Progress in “{enrollment.course.title}” saved: {enrollment.progress}%."
    names = ", ".join(enrollment.course.skills.values_list("name", flat=True)[:4])
    return (
        f"Completed “{enrollment.course.title}”. {names} now show on your profile as learned "
        "skills, and your gigs are matched with them."
    )

"""The onboarding wizard's entry point and the steps accounts owns (about, rate, company).

The skills and preferences steps live in projects.views.talent; they share the helpers here.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .forms import (
    EmployerCompanyForm,
    FreelancerAboutForm,
    FreelancerRateForm,
    form_add_service_errors,
)
from .models import User
from .selectors import onboarding_first_incomplete_step, onboarding_progress
from .services import (
    employer_profile_update,
    freelancer_profile_update,
    profile_ensure,
    user_mark_onboarded,
    user_name_update,
)


def role_required(role: str) -> Callable:
    """Only users of `role`: anonymous → login, no role (staff) → dashboard, other role → 404."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.role:
                return redirect("projects:dashboard")
            if request.user.role != role:
                raise Http404("This page belongs to another kind of account.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def onboarding_render(
    request: HttpRequest, template: str, *, url_name: str, context: dict
) -> HttpResponse:
    """Render a wizard step with its step indicator and Back/Continue targets."""
    progress = onboarding_progress(role=request.user.role, url_name=url_name)
    return render(request, template, {"progress": progress, **context})


def onboarding_step_done(request: HttpRequest, *, url_name: str) -> HttpResponse:
    """After a step saves: on to the next step, or finish the wizard on the last one."""
    progress = onboarding_progress(role=request.user.role, url_name=url_name)
    if not progress.is_last:
        return redirect(progress.next_url_name)
    first_time = request.user.onboarded_at is None
    if first_time:
        # Steps can be opened in any order; the wizard only finishes with a complete profile.
        pending = onboarding_first_incomplete_step(user=request.user)
        if pending != url_name:
            step = next(s for s in progress.steps if s.url_name == pending)
            messages.warning(request, f"Almost there: “{step.label}” still needs your answers.")
            return redirect(pending)
    user_mark_onboarded(user=request.user)
    messages.success(
        request,
        "Welcome to Gigwise: your profile is set up." if first_time else "Your profile is saved.",
    )
    return redirect("projects:dashboard")


@login_required
def onboarding_start(request: HttpRequest) -> HttpResponse:
    step = onboarding_first_incomplete_step(user=request.user)
    return redirect(step or "projects:dashboard")


@role_required(User.Role.FREELANCER)
def onboarding_about(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = FreelancerAboutForm(
        request.POST or None, initial=FreelancerAboutForm.initial_for(profile)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        names = {"first_name": data.pop("first_name"), "last_name": data.pop("last_name")}
        try:
            freelancer_profile_update(profile=profile, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            user_name_update(user=request.user, **names)
            return onboarding_step_done(request, url_name="accounts:onboarding-about")
    return onboarding_render(
        request,
        "onboarding/about.html",
        url_name="accounts:onboarding-about",
        context={"form": form},
    )


@role_required(User.Role.FREELANCER)
def onboarding_rate(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = FreelancerRateForm(
        request.POST or None, profile=profile, initial=FreelancerRateForm.initial_for(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            freelancer_profile_update(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return onboarding_step_done(request, url_name="accounts:onboarding-rate")
    return onboarding_render(
        request, "onboarding/rate.html", url_name="accounts:onboarding-rate", context={"form": form}
    )


@role_required(User.Role.EMPLOYER)
def onboarding_company(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = EmployerCompanyForm(
        request.POST or None, initial=EmployerCompanyForm.initial_for(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            employer_profile_update(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return onboarding_step_done(request, url_name="accounts:onboarding-company")
    return onboarding_render(
        request,
        "onboarding/company.html",
        url_name="accounts:onboarding-company",
        context={"form": form},
    )

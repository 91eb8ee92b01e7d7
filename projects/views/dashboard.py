"""The dashboard: one per role, showing what exists and what is left to do."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.selectors import employer_profile_completeness, language_names
from accounts.services import profile_ensure
from projects.selectors.dashboard import employer_dashboard, freelancer_dashboard, staff_dashboard
from projects.selectors.profile import (
    freelancer_profile_completeness,
    freelancer_profile_get,
    portfolio_items,
)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_freelancer:
        profile_ensure(user=user)
        profile = freelancer_profile_get(user=user)
        completeness = freelancer_profile_completeness(profile)
        extra = {
            "languages": language_names(profile.languages),
            "portfolio": portfolio_items(profile),
            "board": freelancer_dashboard(user=user),
        }
        template = "projects/dashboard_freelancer.html"
    elif user.is_employer:
        profile = profile_ensure(user=user)
        completeness = employer_profile_completeness(profile)
        extra = {"board": employer_dashboard(user=user)}
        template = "projects/dashboard_employer.html"
    else:
        board = staff_dashboard() if user.is_staff else None
        return render(request, "projects/dashboard_staff.html", {"board": board})
    return render(request, template, {"profile": profile, "completeness": completeness, **extra})

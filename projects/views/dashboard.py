"""The dashboard: one per role, showing what exists and what is left to do."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.selectors import employer_profile_completeness, language_names
from accounts.services import profile_ensure
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
        }
        template = "projects/dashboard_freelancer.html"
    elif user.is_employer:
        profile = profile_ensure(user=user)
        completeness = employer_profile_completeness(profile)
        extra = {}
        template = "projects/dashboard_employer.html"
    else:
        return render(request, "projects/dashboard_staff.html")
    return render(request, template, {"profile": profile, "completeness": completeness, **extra})

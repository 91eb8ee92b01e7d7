"""A freelancer's skills and preferences: two onboarding steps and the skill picker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.forms import form_add_service_errors
from accounts.models import FreelancerProfile, User
from accounts.selectors import ONBOARDING_MIN_SKILLS
from accounts.services import freelancer_profile_update, profile_ensure
from accounts.views import onboarding_render, onboarding_step_done, role_required
from projects.forms import FreelancerPreferencesForm, SkillAddForm
from projects.models import FreelancerSkill
from projects.selectors.profile import (
    freelancer_profile_get,
    freelancer_skill_get_for_user,
    freelancer_skills,
)
from projects.selectors.skills import skill_search
from projects.services.talent import (
    freelancer_categories_set,
    freelancer_skill_add,
    freelancer_skill_remove,
)

SKILLS_STEP = "projects:onboarding-skills"
PREFERENCES_STEP = "projects:onboarding-preferences"
AUTOCOMPLETE_LIMIT = 8


def _picker_context(profile: FreelancerProfile, form: SkillAddForm, notice: str = "") -> dict:
    skills = list(freelancer_skills(profile=profile))
    return {
        "skills": skills,
        "skill_form": form,
        "notice": notice,
        "min_skills": ONBOARDING_MIN_SKILLS,
        "skills_short": max(ONBOARDING_MIN_SKILLS - len(skills), 0),
    }


def _skills_page(request: HttpRequest, profile, form, *, notice="", continue_error=""):
    context = _picker_context(profile, form, notice)
    if request.htmx:
        # htmx swaps only 2xx answers, so errors come back as 200 inside the partial.
        return render(request, "projects/_skill_picker_body.html", context)
    context["continue_error"] = continue_error
    return onboarding_render(
        request, "onboarding/skills.html", url_name=SKILLS_STEP, context=context
    )


def _added_notice(typed: str, item: FreelancerSkill, *, updated: bool) -> str:
    if item.skill is None:
        return f"“{typed}” isn't in our skill list yet; we kept it as you wrote it."
    if updated:
        years = "1 year" if item.years == 1 else f"{item.years} years"
        return f"Updated {item.name}: level {item.level}, {years}."
    if item.name.casefold() != typed.casefold():
        return f"Added {item.name} (you typed “{typed}”)."
    return f"Added {item.name}."


@role_required(User.Role.FREELANCER)
def onboarding_skills(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    if request.method == "POST":
        count = profile.skills.count()
        if count >= ONBOARDING_MIN_SKILLS:
            return onboarding_step_done(request, url_name=SKILLS_STEP)
        error = f"Add at least {ONBOARDING_MIN_SKILLS} skills to continue; you have {count} so far."
        return _skills_page(request, profile, SkillAddForm(), continue_error=error)
    return _skills_page(request, profile, SkillAddForm())


@role_required(User.Role.FREELANCER)
@require_POST
def skill_add(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = SkillAddForm(request.POST)
    if form.is_valid():
        typed = form.cleaned_data["q"].strip()
        existing = set(profile.skills.values_list("pk", flat=True))
        try:
            item = freelancer_skill_add(
                profile=profile,
                text=typed,
                level=form.cleaned_data["level"],
                years=form.cleaned_data["years"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error, field_map=SkillAddForm.service_fields)
        else:
            notice = _added_notice(typed, item, updated=item.pk in existing)
            if not request.htmx:
                messages.success(request, notice)
                return redirect(SKILLS_STEP)
            return _skills_page(request, profile, SkillAddForm(), notice=notice)
    return _skills_page(request, profile, form)


@role_required(User.Role.FREELANCER)
@require_POST
def skill_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = freelancer_skill_get_for_user(user=request.user, pk=pk)
    profile = item.profile
    freelancer_skill_remove(profile=profile, skill_id=item.pk)
    notice = f"Removed {item.name}."
    if not request.htmx:
        messages.success(request, notice)
        return redirect(SKILLS_STEP)
    return _skills_page(request, profile, SkillAddForm(), notice=notice)


@login_required
@require_GET
def skill_autocomplete(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    skills = list(skill_search(query=query, limit=AUTOCOMPLETE_LIMIT)) if query else []
    return render(request, "projects/_skill_suggestions.html", {"skills": skills, "query": query})


@role_required(User.Role.FREELANCER)
def onboarding_preferences(request: HttpRequest) -> HttpResponse:
    profile_ensure(user=request.user)
    profile = freelancer_profile_get(user=request.user)
    form = FreelancerPreferencesForm(
        request.POST or None,
        profile=profile,
        initial=FreelancerPreferencesForm.initial_for(profile),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = list(data.pop("categories"))
        try:
            freelancer_profile_update(profile=profile, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            freelancer_categories_set(profile=profile, categories=categories)
            return onboarding_step_done(request, url_name=PREFERENCES_STEP)
    return onboarding_render(
        request, "onboarding/preferences.html", url_name=PREFERENCES_STEP, context={"form": form}
    )

"""Settings → Privacy: AI feature switches and their history, who sees profile fields, the
answers shared for the fairness audit only; and the freelancer's profile photo.

The privacy page holds three forms that post to it, each with a `section` field naming it; the
one posted is validated and saved, the other two are shown as they are.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import form_add_service_errors
from .forms_privacy import ConsentsForm, DeclaredAttributesForm, PhotoForm, VisibilityForm
from .models import AIFeature, ConsentEvent, FreelancerProfile, User
from .selectors.privacy import consent_history, consents_for_user, declared_attributes
from .selectors.visibility import AUDIENCE
from .services import profile_ensure
from .services.privacy import (
    consents_set,
    declared_attributes_set,
    freelancer_photo_remove,
    freelancer_photo_set,
    profile_visibility_set,
)
from .views import role_required

PRIVACY_PAGE = "accounts:privacy"
PHOTO_PAGE = "accounts:profile-photo"
HISTORY_SHOWN = 50  # the API pages through all of it


def _changes_said(events: list[ConsentEvent]) -> str:
    if not events:
        return "Nothing changed: your choices were already as you set them."
    said = [f"“{AIFeature(e.feature).label}” is now {'on' if e.granted else 'off'}" for e in events]
    return "Saved. " + "; ".join(said) + ". This applies from now on."


def _save_consents(request: HttpRequest, form: ConsentsForm, profile) -> str:
    events = consents_set(
        user=request.user,
        choices={state.feature: form.cleaned_data[state.feature] for state in form.states},
        source=ConsentEvent.Source.PRIVACY_PAGE,
    )
    return _changes_said(events)


def _save_visibility(request: HttpRequest, form: VisibilityForm, profile) -> str:
    profile_visibility_set(profile=profile, choices=form.cleaned_data)
    return "Saved who else sees your rate, country and photo."


def _save_attributes(request: HttpRequest, form: DeclaredAttributesForm, profile) -> str:
    shared = declared_attributes_set(user=request.user, values=form.cleaned_data)
    if not any(shared.values()):
        return "Saved: you share nothing for the fairness audit."
    return "Saved. Thank you: it is used only to check that rankings treat groups fairly."


SAVERS = {
    "consents": _save_consents,
    "visibility": _save_visibility,
    "attributes": _save_attributes,
}


def _forms(request: HttpRequest, profile: FreelancerProfile | None, posted: str | None) -> dict:
    def data(section: str):
        return request.POST if posted == section else None

    user = request.user
    forms = {"consents": ConsentsForm(data("consents"), states=consents_for_user(user=user))}
    if profile is not None:
        # Field visibility and the audit concern freelancers: nobody is shown an employer's
        # profile fields, and the audit measures how freelancers are ranked.
        forms["visibility"] = VisibilityForm(
            data("visibility"), initial=VisibilityForm.initial_for(profile)
        )
        forms["attributes"] = DeclaredAttributesForm(
            data("attributes"), initial=declared_attributes(user=user)
        )
    return forms


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def privacy_settings(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    profile = profile_ensure(user=user) if user.is_freelancer else None
    posted = request.POST.get("section") if request.method == "POST" else None
    forms = _forms(request, profile, posted)
    form = forms.get(posted)
    if request.method == "POST" and form is None:
        messages.error(request, "That form is not on this page any more; nothing was saved.")
    elif form is not None and form.is_valid():
        try:
            said = SAVERS[posted](request, form, profile)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, said)
            return redirect(PRIVACY_PAGE)
    context = {
        **{f"{name}_form": value for name, value in forms.items()},
        "profile": profile,
        "history": list(consent_history(user=user)[:HISTORY_SHOWN]),
        "history_limit": HISTORY_SHOWN,
    }
    return render(request, "accounts/privacy.html", context)


@never_cache
@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def profile_photo(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = PhotoForm(request.POST, request.FILES) if request.method == "POST" else PhotoForm()
    if form.is_bound and form.is_valid():
        try:
            freelancer_photo_set(profile=profile, upload=form.cleaned_data["photo"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Your new photo is saved.")
            return redirect(PHOTO_PAGE)
    context = {"form": form, "profile": profile, "audience": AUDIENCE[profile.photo_visibility]}
    return render(request, "accounts/profile_photo.html", context)


@role_required(User.Role.FREELANCER)
@require_POST
def profile_photo_remove(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    had_photo = bool(profile.photo)
    freelancer_photo_remove(profile=profile)
    messages.success(request, "Your photo is removed." if had_photo else "You have no photo.")
    return redirect(PHOTO_PAGE)

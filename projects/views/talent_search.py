"""Finding freelancers: public profiles, search by skill or words, and inviting them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import form_add_service_errors
from accounts.models import User
from accounts.selectors import language_names
from accounts.views import role_required
from projects.forms_proposals import InviteForm, TalentSearchForm
from projects.models import Review
from projects.selectors.proposals import (
    employer_open_projects,
    freelancer_public_get,
    freelancer_public_portfolio,
)
from projects.selectors.proposals import (
    talent_search as talent_search_select,
)
from projects.selectors.reputation import freelancer_reputation, reviews_visible_for
from projects.selectors.visibility import freelancer_photo_for, profiles_shown_to
from projects.services.proposals import invite_create

TALENT_PAGE_SIZE = 20
JPEG_START = b"\xff\xd8\xff"


@login_required
def freelancer_profile(request: HttpRequest, pk: int) -> HttpResponse:
    profile = freelancer_public_get(pk=pk)
    profiles_shown_to(viewer=request.user, profiles=[profile])
    context = {
        "profile": profile,
        "freelancer": profile.user,
        "skills": list(profile.skills.all()),
        "portfolio": list(freelancer_public_portfolio(profile=profile)),
        "languages": language_names(profile.languages),
        "reputation": freelancer_reputation(user=profile.user),
        "reviews": reviews_visible_for(subject=profile.user).filter(
            direction=Review.Direction.OF_FREELANCER
        )[:5],
    }
    return render(request, "projects/talent_profile.html", context)


@role_required(User.Role.EMPLOYER)
def talent_search(request: HttpRequest) -> HttpResponse:
    form = TalentSearchForm(request.GET or None)
    text = skill = ""
    if form.is_valid():
        text, skill = form.cleaned_data["q"], form.cleaned_data["skill"]
    page = Paginator(talent_search_select(text=text, skill=skill), TALENT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = profiles_shown_to(viewer=request.user, profiles=page.object_list)
    return render(request, "projects/talent_search.html", {"form": form, "page": page})


@role_required(User.Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def invite_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    profile = freelancer_public_get(pk=pk)
    projects = employer_open_projects(user=request.user)
    # ?project= preselects the project when the invite comes from its suggested talent.
    initial = {"project": request.GET.get("project", "")}
    form = InviteForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invite_create(employer=request.user, freelancer=profile.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            name = profile.user.display_name
            messages.success(request, f"Invited {name} to “{form.cleaned_data['project']}”.")
            return redirect("projects:freelancer-profile", profile.user_id)
    context = {"profile": profile, "freelancer": profile.user, "form": form, "projects": projects}
    return render(request, "projects/invite_form.html", context)


# Revalidated on every view: a photo hidden or replaced stops showing at once, also from caches.
@cache_control(private=True, no_cache=True)
@require_GET
def freelancer_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The freelancer's photo, if its visibility lets the viewer see it; else 404."""
    profile = freelancer_photo_for(viewer=request.user, pk=pk)
    try:
        photo = profile.photo.open("rb")
    except FileNotFoundError:
        raise Http404("No photo to show.") from None
    # Always a JPEG: every upload is re-encoded (accounts.photos), whatever it was sent as. The
    # bytes must say so too: a file put in the folder some other way is never sent as a picture.
    if photo.read(len(JPEG_START)) != JPEG_START:
        photo.close()
        raise Http404("No photo to show.")
    photo.seek(0)
    response = FileResponse(photo, content_type="image/jpeg")
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    # Only Gigwise's own pages may show it: another site cannot embed a person's photo.
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response

"""A freelancer's portfolio: list and add, edit, and delete after a confirmation page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import form_add_service_errors
from accounts.models import User
from accounts.services import profile_ensure
from accounts.views import role_required
from projects.forms import PortfolioItemForm
from projects.selectors.profile import portfolio_item_get_for_user, portfolio_items
from projects.services.talent import (
    MAX_PORTFOLIO_ITEMS,
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_update,
)

PORTFOLIO = "projects:portfolio"


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def portfolio(request: HttpRequest) -> HttpResponse:
    profile = profile_ensure(user=request.user)
    form = PortfolioItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = portfolio_item_create(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Added “{item.title}” to your portfolio.")
            return redirect(PORTFOLIO)
    items = list(portfolio_items(profile))
    context = {"items": items, "form": form, "max_items": MAX_PORTFOLIO_ITEMS}
    return render(request, "projects/portfolio.html", context)


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def portfolio_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = portfolio_item_get_for_user(request.user, pk)
    form = PortfolioItemForm(request.POST or None, initial=PortfolioItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            portfolio_item_update(item=item, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Saved “{item.title}”.")
            return redirect(PORTFOLIO)
    return render(request, "projects/portfolio_edit.html", {"item": item, "form": form})


@role_required(User.Role.FREELANCER)
@require_http_methods(["GET", "POST"])
def portfolio_delete(request: HttpRequest, pk: int) -> HttpResponse:
    # GET is the confirmation page, so deleting never depends on JavaScript.
    item = portfolio_item_get_for_user(request.user, pk)
    if request.method == "POST":
        portfolio_item_delete(profile=item.profile, item_id=item.pk)
        messages.success(request, f"Deleted “{item.title}” from your portfolio.")
        return redirect(PORTFOLIO)
    return render(request, "projects/portfolio_delete.html", {"item": item})

"""The client-signals fragment the project page loads with htmx (anyone who may see the project)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.selectors import preferred_currency
from projects.selectors.projects import project_get_for_user

from ..selectors.client import client_signals


@require_GET
def client_signals_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """The employer's record for a project's page; a project the viewer may not see is a 404."""
    project = project_get_for_user(user=request.user, pk=pk)
    signals = client_signals(employer=project.employer, currency=preferred_currency(request.user))
    return render(request, "insights/_client_signals.html", {"signals": signals})

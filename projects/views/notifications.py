"""A user's notifications: the list, marking read, and which kinds are e-mailed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import form_add_service_errors
from projects.forms_messaging import NotificationPreferencesForm
from projects.models import NotificationKind
from projects.selectors.notifications import (
    notification_get_for_user,
    notification_preferences_for_user,
    notifications_for_user,
)
from projects.services.notification_email import (
    notification_email_stop,
    notification_unsubscribe_read,
)
from projects.services.notifications import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_update,
)

NOTIFICATIONS_PAGE_SIZE = 20
LIST = "projects:notification-list"


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for_user(user=request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "projects/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read, then open what it is about."""
    notification = notification_mark_read(
        notification=notification_get_for_user(user=request.user, pk=pk)
    )
    url = notification.url
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(url)
    return redirect(LIST)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(user=request.user)
    if count:
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect(LIST)


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    preferences = notification_preferences_for_user(user=request.user)
    # Not `request.POST or None`: turning every box off posts no field at all.
    data = request.POST if request.method == "POST" else None
    form = NotificationPreferencesForm(data, preferences=preferences)
    if request.method == "POST" and form.is_valid():
        try:
            notification_preferences_update(user=request.user, emailed_kinds=form.emailed_kinds())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Your e-mail preferences are saved.")
            return redirect("projects:notification-preferences")
    return render(request, "projects/notification_preferences.html", {"form": form})


# No login and no CSRF token: the signed token is the proof, and mail clients' one-click
# unsubscribe (RFC 8058) POSTs without either. GET only asks, so a link scanner stops nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    named = notification_unsubscribe_read(token=token)
    if named is None or named[1] not in NotificationKind.values:
        raise Http404("This unsubscribe link is not valid.")
    user_id, kind = named
    if request.method == "POST":
        notification_email_stop(user_id=user_id, kind=kind)
    context = {"label": NotificationKind(kind).label, "done": request.method == "POST"}
    return render(request, "projects/notification_unsubscribe.html", context)

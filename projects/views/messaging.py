"""Messages between an employer and a freelancer: the inbox, a thread, and opening one."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import form_add_service_errors
from marketplace.ratelimits import limit_count, limit_reached
from projects.forms_messaging import MessageForm
from projects.models import Thread
from projects.selectors.messaging import (
    contract_get_for_party,
    proposal_get_for_party,
    thread_get_for_user,
    thread_last_read_at,
    thread_messages,
    threads_for_inbox,
)
from projects.services.messaging import (
    message_send,
    thread_mark_read,
    thread_open_for_contract,
    thread_open_for_proposal,
)

INBOX_PAGE_SIZE = 20


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(threads_for_inbox(user=request.user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "projects/thread_inbox.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = thread_get_for_user(user=request.user, pk=pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST" and (limit := limit_reached(request, "message")):
        form.add_error(None, limit.message)  # the message stays in the box, as typed
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            message_send(thread=thread, sender=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            limit_count(request, "message")
            if request.htmx:
                # A fresh form; the poller fetches the new message at once (HX-Trigger).
                response = render(
                    request, "projects/_thread_form.html", {"thread": thread, "form": MessageForm()}
                )
                response["HX-Trigger"] = "gw:thread-poll"
                return response
            return redirect(f"{thread_url(thread)}#thread-form")
    if request.htmx and request.method == "POST":
        context = {"thread": thread, "form": form}
        return render(request, "projects/_thread_form.html", context, status=status)
    read_before = thread_last_read_at(thread=thread, user=request.user)
    messages = list(thread_messages(thread=thread))
    thread_mark_read(thread=thread, user=request.user)
    context = {
        "thread": thread,
        "thread_messages": messages,
        "read_before": read_before,
        "last_id": messages[-1].pk if messages else 0,
        "form": form,
        "other": thread.freelancer if request.user.pk == thread.employer_id else thread.employer,
    }
    return render(request, "projects/thread_detail.html", context, status=status)


@login_required
@require_GET
def thread_messages_poll(request: HttpRequest, pk: int) -> HttpResponse:
    """The messages after ?after=<id>, and the poller that asks for the next ones."""
    thread = thread_get_for_user(user=request.user, pk=pk)
    try:
        after = max(int(request.GET.get("after", "0")), 0)
    except ValueError:
        after = 0
    messages = list(thread_messages(thread=thread, after_id=after))
    if any(message.sender_id != request.user.pk for message in messages):
        # The page polls only while it is visible, so the person is reading these now.
        thread_mark_read(thread=thread, user=request.user)
    context = {
        "thread": thread,
        "thread_messages": messages,
        "last_id": messages[-1].pk if messages else after,
    }
    return render(request, "projects/_thread_messages.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_for_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get_for_party(user=request.user, pk=pk)
    return redirect(thread_url(thread_open_for_proposal(proposal=proposal)))


@login_required
@require_http_methods(["GET", "POST"])
def thread_for_contract(request: HttpRequest, pk: int) -> HttpResponse:
    contract = contract_get_for_party(user=request.user, pk=pk)
    return redirect(thread_url(thread_open_for_contract(contract=contract)))


def thread_url(thread: Thread) -> str:
    return reverse("projects:thread-detail", args=[thread.pk])

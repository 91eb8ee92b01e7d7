"""Settings → API tokens: the signed-in user's personal tokens for the REST API.

A new token's secret is shown once: it is kept in the session only until the page after the
redirect has shown it, so reloading that page does not show it again and nothing resubmits.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ApiTokenForm, form_add_service_errors
from .selectors import api_tokens_for_user
from .services import MAX_API_TOKENS, api_token_create, api_token_revoke

TOKEN_PAGE = "accounts:api-tokens"
# Session key of the token just created: {"name": ..., "raw": ...}, popped by the next GET.
CREATED_TOKEN_KEY = "api_token_created"


@never_cache  # the page after a creation carries the secret: no cache may keep a copy
@login_required
@require_http_methods(["GET", "POST"])
def api_token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            token, raw = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            request.session[CREATED_TOKEN_KEY] = {"name": token.name, "raw": raw}
            return redirect(TOKEN_PAGE)
    created = request.session.pop(CREATED_TOKEN_KEY, None) if not form.is_bound else None
    context = {
        "form": form,
        "tokens": api_tokens_for_user(user=request.user),
        "created": created,
        "max_tokens": MAX_API_TOKENS,
    }
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke_post(request: HttpRequest, pk: int) -> HttpResponse:
    # The confirmation is the "Revoke…" step on the list page, so this only ever answers POST.
    token = get_object_or_404(api_tokens_for_user(user=request.user), pk=pk)
    api_token_revoke(user=request.user, token_id=token.pk)
    messages.success(
        request, f"Revoked “{token.name}”: requests that send it are refused from now on."
    )
    return redirect(TOKEN_PAGE)

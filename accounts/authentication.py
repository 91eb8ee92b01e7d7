"""DRF authentication by personal API token: ``Authorization: Bearer gw_...``."""

from django.utils import timezone
from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import api_token_touch
from .tokens import token_digest

KEYWORD = "Bearer"
MALFORMED = "Send the token as “Authorization: Bearer gw_...”, with nothing after it."
UNKNOWN = "This API token is not valid: it may have been revoked. Create a new one in Settings."
INACTIVE = "This account is suspended or closed, so its tokens no longer work."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() != KEYWORD.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(MALFORMED)
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(MALFORMED) from None
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(raw)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(UNKNOWN)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(INACTIVE)
        api_token_touch(token=token, now=timezone.now())
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="api"'

"""Staff members' authenticator apps in the admin: who has one, never its key.

allauth registers Authenticator with every field editable, its secret key included: anyone in
the admin could read a colleague's key and pass their second factor. Here the key is never shown
and nothing is edited. Deleting one stays possible, for a colleague who lost their phone: they set
up a new one at their next admin visit, and the deletion is in the audit log.
"""

from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.http import HttpRequest


class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields
    search_fields = ("user__email",)
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # each person sets up their own, with their own phone

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


admin.site.unregister(Authenticator)
admin.site.register(Authenticator, AuthenticatorAdmin)

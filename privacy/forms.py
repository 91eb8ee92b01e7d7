"""The confirmation a person types before their account is scheduled for deletion."""

from django import forms

from accounts.models import User

from .services.deletion import deletion_confirmation_kind


class DeletionConfirmForm(forms.Form):
    confirmation = forms.CharField(
        max_length=254,
        strip=False,  # a password is compared exactly as typed
        error_messages={"required": "Type your password to confirm."},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["confirmation"]
        if deletion_confirmation_kind(user=user) == "password":
            field.label = "Your password"
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        else:
            # Accounts without a password (none was ever set) confirm with their address.
            field.label = "Your e-mail address"
            field.help_text = "Your account has no password: type its e-mail address instead."
            field.error_messages["required"] = "Type your e-mail address to confirm."
            field.widget = forms.EmailInput(attrs={"autocomplete": "off"})

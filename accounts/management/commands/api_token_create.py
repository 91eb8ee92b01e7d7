"""`manage.py api_token_create --email E --name N`: a personal API token for scripts.

Only the raw token goes to stdout, so a script can capture it:
``TOKEN=$(python manage.py api_token_create --email ... --name ...)``. With ``--replace`` an
existing token of that name is revoked first, so running it twice is safe.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from accounts.models import User
from accounts.services import api_token_create, api_token_revoke
from marketplace.commands import DatabaseCommand

UNKNOWN_EMAIL = "No account has the e-mail address “{email}”."
REPLACE_HINT = "Pass --replace to revoke it and create a new one."


class Command(DatabaseCommand):
    help = (
        "Create a named personal API token for a user and print only the token (it is shown "
        "once and stored as a digest). --replace revokes a token of the same name first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The account the token signs in as.")
        parser.add_argument(
            "--name", required=True, help="What the token is for, e.g. “CI contract run”."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Revoke the user's token with this name first, if there is one.",
        )

    def handle(self, *args, email: str, name: str, replace: bool, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(UNKNOWN_EMAIL.format(email=email))
        same_name = user.api_tokens.filter(name=" ".join(name.split()))
        try:
            with transaction.atomic():
                if replace:
                    for token_id in same_name.values_list("pk", flat=True):
                        api_token_revoke(user=user, token_id=token_id)
                _token, raw = api_token_create(user=user, name=name)
        except ValidationError as exc:
            messages = exc.messages
            if not replace and same_name.exists():
                messages = [*messages, REPLACE_HINT]
            raise CommandError(" ".join(messages)) from exc
        self.stdout.write(raw)

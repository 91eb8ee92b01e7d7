"""`manage.py totp_code --email E`: the code someone's authenticator app shows now (DEBUG only).

For trying Gigwise locally: the demo staff needs a second factor to open the admin, and whoever
runs `make run` may not want to set up an authenticator app for a demo account.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import CommandError

from marketplace.commands import DatabaseCommand
from projects.demo.totp import totp_code, totp_seconds_left


class Command(DatabaseCommand):
    help = (
        "Print the current authenticator code of a user with two-factor authentication, such "
        "as the demo staff. Runs only with DEBUG=1: it reads the user's secret key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The user's e-mail address.")

    def handle(self, *args, email: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "totp_code reads a user's authenticator key, so it runs only with DEBUG=1, "
                "on a development machine."
            )
        authenticator = Authenticator.objects.filter(
            user__email__iexact=email.strip(), type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(
                f"No authenticator app is set up for {email}. The demo staff gets one from "
                "`python manage.py seed_demo`; anyone else sets one up under Account settings."
            )
        secret = decrypt(authenticator.data["secret"])
        self.stdout.write(
            f"{totp_code(secret)}  (valid for {totp_seconds_left()} more seconds; "
            "run again for the next one)"
        )

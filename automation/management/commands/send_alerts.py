"""Run the alert beat tasks now: saved-search digests and reminders, as beat would."""

from django.utils import timezone

from automation.services.alerts import search_alerts_send
from automation.services.reminders import reminders_send
from marketplace.commands import DatabaseCommand

PARTS = ("searches", "reminders")


class Command(DatabaseCommand):
    help = (
        "Send the saved-search digests and reminders due now, exactly as the beat tasks do. "
        "Safe to run again: nothing already sent is sent twice, and nobody gets anything "
        "outside their daytime (08:00-20:00 in their time zone)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only", choices=PARTS, help="Send only the digests or only the reminders."
        )

    def handle(self, *args, only: str | None, **options):
        now = timezone.now()
        if only in (None, "searches"):
            sent = search_alerts_send(now=now)
            self.stdout.write(f"Saved-search digests: {sent} new project(s) sent.")
        if only in (None, "reminders"):
            sent = reminders_send(now=now)
            self.stdout.write(f"Reminders: {sent} sent.")

"""Purge the accounts whose deletion grace period is over, as the hourly beat task does."""

from marketplace.commands import DatabaseCommand
from privacy.services.deletion import account_deletions_purge_due


class Command(DatabaseCommand):
    help = (
        "Purge every account whose deletion grace period is over (the beat task "
        "privacy.deletions_purge_due does this hourly). Safe to run again: a purged account is "
        "not touched twice, and one blocked by an active contract waits for the next run."
    )

    def handle(self, *args, **options):
        outcome = account_deletions_purge_due()
        self.stdout.write(
            f"Purged {outcome.purged}, waiting for a contract or escrow {outcome.waiting}, "
            f"failed {outcome.failed} (retried next run)."
        )
        if outcome.failed:
            self.stderr.write("Some purges failed; the log has why. They are retried next run.")

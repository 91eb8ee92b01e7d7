from marketplace.commands import DatabaseCommand
from ops.services.outbox import outbox_relay


class Command(DatabaseCommand):
    help = "Publish the tasks still waiting in the outbox (what beat does every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="Most messages per pass.")

    def handle(self, *args, batch: int, **options):
        outcome = outbox_relay(batch=batch)
        self.stdout.write(
            f"{outcome['sent']} sent, {outcome['pending']} pending, {outcome['pruned']} pruned"
            + (f"; broker error: {outcome['error']}" if outcome["error"] else "")
        )
        if outcome["error"]:
            raise SystemExit(1)

"""`manage.py send_emails`: the outbox's sweep in this process, without Redis (cron, or after an
outage). Safe beside the beat: each email is taken under a row lock and sent once."""

from django.core.management.base import BaseCommand

from kernel import outbox


class Command(BaseCommand):
    help = "Send the outbox's emails whose time has come: retries and those a broker outage held back."

    def handle(self, *args, **options):
        counts = outbox.sweep()
        self.stdout.write(
            f"Emails sent {counts.get('sent', 0)}, to retry {counts.get('retry', 0)}, "
            f"failed {counts.get('failed', 0)}, no longer needed {counts.get('cancelled', 0)}, "
            f"already handled {counts.get('skipped', 0) + counts.get('later', 0)}."
        )

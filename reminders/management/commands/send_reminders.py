"""`manage.py send_reminders`: the same sweep as the Celery beat, and the sending, in this
process, without Redis. Safe to run any number of times and beside the beat: the rows are
unique and each email is sent once."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reminders.services import reminders_send_due_without_broker


class Command(BaseCommand):
    help = "Create the reminders due today and send each person's email (no broker needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Sweep as if today were this day (YYYY-MM-DD), e.g. to catch up a missed day."
        )

    def handle(self, *args, **options):
        on = None
        if options.get("date"):
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}.") from exc
        counts = reminders_send_due_without_broker(on=on)
        day = on or timezone.localdate()
        self.stdout.write(
            f"{day:%Y-%m-%d}: {counts['created']} new reminders; emails sent {counts['sent']}, "
            f"nothing left to send {counts['empty']}, already handled {counts['skipped']}, "
            f"to retry {counts['retry']}, failed {counts['failed']}."
        )

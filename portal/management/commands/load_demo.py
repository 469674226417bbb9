"""`manage.py load_demo`: load the demo data (idempotent) and print the demo accounts.

`make run` calls it after migrating. Running it twice leaves the same data.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kernel.lifecycle import DomainError
from meetings import report, services
from meetings.models import Meeting
from portal.demo import fifth_meeting
from portal.demo.loader import load_demo

DEFAULT_DEMO_PASSWORD = "u4ssc-demo"


class Command(BaseCommand):
    help = "Load the U4SSC demo data (Partners, ToR, Thematic Groups, the Fifth meeting) and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--publish-report",
            action="store_true",
            help="The Secretariat publishes the Fifth meeting's report (renders its PDF once; make run does).",
        )

    def handle(self, *args, **options):
        password = settings.U4SSC_DEMO_PASSWORD
        if not password:
            raise CommandError("U4SSC_DEMO_PASSWORD is empty: set the password of the demo accounts.")
        if not settings.DEBUG and password == DEFAULT_DEMO_PASSWORD:
            raise CommandError(
                "Refusing to create demo accounts with the default password in production mode (DEBUG is off). "
                "Set U4SSC_DEMO_PASSWORD to a strong password, or run the demo with DJANGO_DEBUG=1 (make run)."
            )
        result = load_demo(password=password)
        style = self.style
        if options["publish_report"]:
            self._publish_fifth_report()
        self.stdout.write(
            style.SUCCESS(f"Demo data loaded: {result.created} records created, {result.updated} updated.")
        )
        self.stdout.write("")
        self.stdout.write(
            "Demo accounts (password: the value of U4SSC_DEMO_PASSWORD"
            + (f", here '{password}')" if password == DEFAULT_DEMO_PASSWORD else ")")
        )
        width = max(len(username) for username, _ in result.accounts)
        for username, role in result.accounts:
            self.stdout.write(f"  {username.ljust(width)}  {role}")
        self.stdout.write("")
        self.stdout.write(
            f"Portal: {settings.SITE_URL}/   Admin: {settings.SITE_URL}/admin/ (as 'secretariat')"
        )

    def _publish_fifth_report(self) -> None:
        meeting = Meeting.objects.get(slug=fifth_meeting.SLUG)
        if report.report_published(meeting):
            return
        secretariat = get_user_model().objects.get(username="secretariat")
        try:
            services.meeting_report_publish(by=secretariat, meeting=meeting)
        except DomainError as exc:
            self.stdout.write(self.style.WARNING(f"The Fifth meeting's report stays a draft: {exc.message}"))
        else:
            self.stdout.write(f"The Fifth meeting's report is published: {meeting.get_absolute_url()}")

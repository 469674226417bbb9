"""`manage.py load_demo`: load the demo data (idempotent) and print the demo accounts.

`make run` calls it after migrating. Running it twice leaves the same data.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.loader import load_demo

DEFAULT_DEMO_PASSWORD = "u4ssc-demo"


class Command(BaseCommand):
    help = "Load the U4SSC demo data (Partners, ToR, Thematic Groups, the Fifth meeting) and demo accounts."

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

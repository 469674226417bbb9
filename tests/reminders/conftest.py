import pytest

from reminders.models import Reminder


def recipients(kind, **filters) -> set[str]:
    return set(Reminder.objects.filter(kind=kind, **filters).values_list("recipient__username", flat=True))


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://u4ssc.example.org"
    return settings.SITE_URL

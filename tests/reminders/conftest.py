"""Reminder tests run on a frozen calendar.

What is due depends on the day (an IP Leader's quarterly e-meeting reminder comes 30 days
before a quarter ends, tenure reminders 90 days before a mandate ends...), so every test
here travels (time-machine, the clock ticking from there) to MID_QUARTER, a day far from
any quarter end, unless it says otherwise:

- `@pytest.mark.time_machine(datetime)` runs it at another moment (a boundary);
- the `time_machine` fixture moves the clock inside a test (`time_machine.move_to(...)`);
- `@pytest.mark.real_clock` keeps the real clock: the tests with a Celery worker in another
  process (test_worker.py), which time-machine cannot reach; they must hold on any day.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reminders.models import Reminder

GENEVA = ZoneInfo("Europe/Zurich")  # settings.TIME_ZONE
# A Wednesday in the middle of Q2: 48 days before the quarter ends (IP quarterly reminders
# start 30 days before), and the cast's mandates end two years after they start.
MID_QUARTER = dt.datetime(2026, 5, 13, 10, 0, tzinfo=GENEVA)


@pytest.fixture(autouse=True)
def _frozen_calendar(request, _fresh_page_and_principal_cache):
    # After the cache reset (tests/conftest.py), which must stamp generations with the real clock.
    if request.node.get_closest_marker("real_clock"):
        yield None
        return
    traveller = request.getfixturevalue("time_machine")
    if not request.node.get_closest_marker("time_machine"):
        traveller.move_to(MID_QUARTER)
    yield traveller


def recipients(kind, **filters) -> set[str]:
    return set(Reminder.objects.filter(kind=kind, **filters).values_list("recipient__username", flat=True))


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://u4ssc.example.org"
    return settings.SITE_URL

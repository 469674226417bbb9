"""The day arithmetic: 90, 30 and 7 days before a mandate ends and on the day; 7 and 1 days
before a deadline, in the Secretariat's time zone; catch-up after a missed day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from governance.models import TENURE_YEARS, add_years
from reminders.milestones import dated_milestone, deadline_milestone, milestones, quarter_of
from reminders.models import Kind

D = dt.date


def test_tenure_reminders_fall_90_30_7_days_before_and_on_the_day_the_mandate_ends():
    starts = D(2025, 3, 1)
    ends_on = add_years(starts, TENURE_YEARS)  # first day without the powers
    assert ends_on == D(2027, 3, 1)
    assert milestones(Kind.TENURE, ends_on) == [D(2026, 12, 1), D(2027, 1, 30), D(2027, 2, 22), D(2027, 3, 1)]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2026, 11, 30), None),  # 91 days before: nothing yet
        (D(2026, 12, 1), D(2026, 12, 1)),  # 90 days before
        (D(2027, 1, 29), D(2026, 12, 1)),  # 31 days before: still the 90-day one (catch-up)
        (D(2027, 1, 30), D(2027, 1, 30)),  # 30 days before
        (D(2027, 2, 21), D(2027, 1, 30)),
        (D(2027, 2, 22), D(2027, 2, 22)),  # 7 days before
        (D(2027, 2, 28), D(2027, 2, 22)),  # the last day with the powers
        (D(2027, 3, 1), D(2027, 3, 1)),  # the day it ends: the powers have gone
        (D(2027, 3, 8), D(2027, 3, 1)),  # a missed sweep catches up for 7 days
        (D(2027, 3, 9), None),
    ],
)
def test_the_tenure_reminder_due_on_each_day_around_the_boundaries(on, expected):
    assert dated_milestone(Kind.TENURE, D(2027, 3, 1), on) == expected


def test_a_mandate_starting_on_29_february_ends_on_28_february_two_years_later():
    ends_on = add_years(D(2024, 2, 29), TENURE_YEARS)
    assert ends_on == D(2026, 2, 28)
    assert milestones(Kind.TENURE, ends_on)[0] == D(2025, 11, 30)


def test_a_deadline_just_after_midnight_in_geneva_counts_in_geneva_not_utc():
    deadline = dt.datetime(2025, 3, 10, 0, 30, tzinfo=ZoneInfo("Europe/Zurich"))  # 9 March 23:30 UTC
    assert deadline_milestone(Kind.BALLOT, deadline, D(2025, 3, 2)) is None
    assert deadline_milestone(Kind.BALLOT, deadline, D(2025, 3, 3)) == D(2025, 3, 3)  # 7 days before
    assert deadline_milestone(Kind.BALLOT, deadline, D(2025, 3, 9)) == D(2025, 3, 9)  # 1 day before
    assert deadline_milestone(Kind.BALLOT, deadline, D(2025, 3, 10)) == D(2025, 3, 9)  # the day itself


def test_a_ballot_opened_five_days_before_its_deadline_gets_the_seven_day_reminder_at_once():
    deadline = dt.datetime(2025, 3, 10, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    assert deadline_milestone(Kind.BALLOT, deadline, D(2025, 3, 5)) == D(2025, 3, 3)


def test_offsets_are_configurable_per_kind(settings):
    settings.U4SSC_REMINDER_OFFSETS = {"ballot": (14, 7, 1)}
    assert milestones(Kind.BALLOT, D(2025, 3, 20)) == [D(2025, 3, 6), D(2025, 3, 13), D(2025, 3, 19)]
    assert milestones(Kind.TOR_COMMENT, D(2025, 3, 20)) == [D(2025, 3, 13), D(2025, 3, 19)]


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (D(2025, 1, 1), D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 6, 30), D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 12, 31), D(2025, 10, 1), D(2025, 12, 31)),
    ],
)
def test_quarters(day, first, last):
    assert quarter_of(day) == (first, last)

"""The day arithmetic of reminders: which reminder of a kind is due on a given day.

Dates only (the Secretariat's local calendar, TIME_ZONE): a deadline at 23:59 on 10 March
and one at 00:01 on 10 March both have 10 March as their day.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reminders import conf


def day_of(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def milestones(kind: str, anchor: dt.date) -> list[dt.date]:
    """The days a kind's reminders fall due for an anchor date, earliest first."""
    return [anchor - dt.timedelta(days=offset) for offset in conf.offsets(kind)]


def current_milestone(days: list[dt.date], on: dt.date, *, last_until: dt.date) -> dt.date | None:
    """The latest day in `days` that has come by `on`, if it is still the one to send.

    A day stays current until the next day of the list comes; the last one until
    `last_until` (inclusive). Earlier days that were missed are not sent any more: one
    reminder, the latest, catches up.
    """
    due = [day for day in days if day <= on]
    if not due:
        return None
    latest = due[-1]
    if latest == days[-1] and on > last_until:
        return None
    return latest


def deadline_milestone(kind: str, deadline: dt.datetime, on: dt.date) -> dt.date | None:
    """For a deadline still to come: the reminder due on `on` (7 and 1 days before by default)."""
    last = day_of(deadline)
    return current_milestone(milestones(kind, last), on, last_until=last)


def dated_milestone(kind: str, anchor: dt.date, on: dt.date) -> dt.date | None:
    """For tenure, overdue minutes, Hub reports…: the reminder due on `on`, with catch-up."""
    days = milestones(kind, anchor)
    return current_milestone(days, on, last_until=days[-1] + dt.timedelta(days=conf.catch_up_days()))


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    first = day.replace(month=first_month, day=1)
    next_first = (
        first.replace(year=first.year + 1, month=1)
        if first_month == 10
        else first.replace(month=first_month + 3)
    )
    return first, next_first - dt.timedelta(days=1)

"""Cycle deadlines remind the stewards (data due) and the verifier (verification due) through the
reminder sweep, once per person and day."""

import datetime as dt

from django.utils import timezone

from kpis import services
from reminders.emails import digest_items
from reminders.models import Kind, Reminder
from reminders.sweep import reminders_sweep
from tests.kpis.conftest import PCT, entry


def test_deadlines_remind_stewards_then_the_verifier(world):
    now = timezone.now()
    services.cycle_set_deadlines(
        by=world.secretariat,
        cycle=world.cycle_a,
        submission_deadline=now + dt.timedelta(days=7, hours=1),
        verification_deadline=now + dt.timedelta(days=30),
    )
    reminders_sweep(now=now)
    due = list(Reminder.objects.filter(kind=Kind.KPI_DATA_DUE).values_list("recipient__username", flat=True))
    assert due == ["steward_a"]
    reminders_sweep(now=now)  # idempotent
    assert Reminder.objects.filter(kind=Kind.KPI_DATA_DUE).count() == 1
    item = digest_items(world.steward_a, list(Reminder.objects.filter(kind=Kind.KPI_DATA_DUE)))[0]
    assert "Alphaville" in item.title and item.url.endswith("/cities/alphaville/2024/")

    services.values_save(by=world.steward_a, cycle=world.cycle_a, entries={PCT: entry(value="5")})
    services.cycle_submit(by=world.steward_a, cycle=world.cycle_a)
    later = now + dt.timedelta(days=23)
    reminders_sweep(now=later, on=timezone.localdate(later))
    verifiers = set(
        Reminder.objects.filter(kind=Kind.KPI_VERIFICATION_DUE).values_list("recipient__username", flat=True)
    )
    assert verifiers == {"verifier"}
    assert Reminder.objects.filter(kind=Kind.KPI_DATA_DUE).count() == 1  # submitted: no more data reminders

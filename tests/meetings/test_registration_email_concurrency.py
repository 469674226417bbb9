"""The one-email-a-day bound and the single-use link hold when requests arrive at the same instant
(real threads on PostgreSQL: the unique (email, day) index and the row lock decide)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from kernel.models import OutboxMessage
from meetings import reasons as why
from meetings import services
from meetings.emails import ADDRESS_CHECK
from meetings.models import AddressCheck, Registration
from tests.meetings.conftest import open_meeting
from tests.people.conftest import link_in, sent_mail

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def at_once(*calls) -> list[object]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = []

    def run(call):
        try:
            barrier.wait()
            outcomes.append(call())
        except Exception as exc:  # the refusal is the outcome we look at
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_registrations_of_one_address_at_once_send_one_email(cast):
    meetings = [open_meeting(cast, slug=f"open-{n}", days_ahead=30 + n) for n in range(2)]
    outcomes = at_once(
        *(
            lambda meeting=meeting, email=email: (
                services.registration_create(
                    meeting=meeting, name="Ana Silva", email=email, organisation="City of Lisbon"
                ).address_check
            )
            for meeting, email in zip(meetings, ["ana@example.org", "ANA@example.org"], strict=True)
        )
    )
    assert sorted(outcomes) == [services.ADDRESS_CHECK_ALREADY_SENT, services.ADDRESS_CHECK_SENT]
    assert Registration.objects.filter(email="ana@example.org").count() == 2
    assert AddressCheck.objects.count() == 1
    assert OutboxMessage.objects.filter(template=ADDRESS_CHECK).count() == 1


def test_one_link_pressed_twice_at_once_confirms_once(cast):
    meeting = open_meeting(cast)
    services.registration_create(meeting=meeting, name="Ana Silva", email="ana@example.org", organisation="X")
    # Committed, so the email has left (or leaves now): the token is read from its link.
    token = link_in(sent_mail()[-1], "/meetings/registrations/confirm/").rstrip("/").rsplit("/", 1)[-1]
    outcomes = at_once(
        lambda: services.registration_address_confirm(token=token),
        lambda: services.registration_address_confirm(token=token),
    )
    refusals = [o for o in outcomes if isinstance(o, services.AddressCheckUnusable)]
    assert len(outcomes) == 2 and len(refusals) == 1 and refusals[0].kind == "used"
    history = Registration.history.filter(history_change_reason=why.ADDRESS_CONFIRMED())
    assert history.count() == 1

"""The outbox against a real mail server (aiosmtpd): a vote receipt, a request notice and an
invitation survive a server that refuses or times out (delivered once when it recovers); a
broker outage is caught up by the sweep; a rolled-back change queues nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from governance import services
from kernel import outbox, tasks
from kernel.models import OutboxMessage
from people.models import Invitation
from tests.people.conftest import cast_ballot, open_decision
from tests.requests.conftest import ask_logo

PENDING, SENT, FAILED = OutboxMessage.Status.PENDING, OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED


def html_of(message) -> str:
    return next(
        p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/html"
    )


def text_of(message) -> str:
    return next(
        p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain"
    )


def test_a_vote_receipt_survives_a_mail_server_that_refuses_the_first_attempt(
    cast, smtp, django_capture_on_commit_callbacks
):
    decision = open_decision(cast.secretariat)
    smtp.refuse = 2  # each focal point's first attempt
    with django_capture_on_commit_callbacks(execute=True):
        ballot = cast_ballot(decision, cast.partner_a, cast.focal_a)  # the vote is saved and answered
    rows = list(OutboxMessage.objects.filter(kind="ballot_receipt").order_by("pk"))
    assert smtp.attempts == 2 and smtp.messages == []
    assert [(r.status, r.attempts) for r in rows] == [(PENDING, 1), (PENDING, 1)]
    assert all("451" in r.last_error and r.next_attempt_at > timezone.now() for r in rows)

    due = max(r.next_attempt_at for r in rows)
    assert outbox.sweep(now=due - dt.timedelta(seconds=31)) == {}  # not before its backoff
    assert outbox.sweep(now=due) == {"sent": 2}
    assert smtp.recipients() == ["focal_a2@example.org", "focal_a@example.org"]
    message = smtp.messages[0]
    assert message["Subject"] == f"[U4SSC] Ballot cast: receipt {ballot.receipt_code}"
    assert ballot.receipt_code in text_of(message) and ballot.receipt_code in html_of(message)
    assert "Vote: Yes" in text_of(message)

    assert outbox.sweep(now=due + dt.timedelta(days=1)) == {}  # sent exactly once
    assert all(outbox.deliver(r.pk) == "skipped" for r in rows)
    assert len(smtp.messages) == 2 and smtp.attempts == 4
    assert list(OutboxMessage.objects.filter(kind="ballot_receipt").values_list("status", "attempts")) == [
        (SENT, 2),
        (SENT, 2),
    ]


def test_a_receipt_says_what_was_cast_then_even_if_the_vote_changed_before_it_left(cast, smtp):
    decision = open_decision(cast.secretariat)
    first = cast_ballot(decision, cast.partner_a, cast.focal_a, choice="yes")  # on_commit not run: no task
    first_code = first.receipt_code
    second = cast_ballot(decision, cast.partner_a, cast.focal_a2, choice="no")
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == {"sent": 4}
    bodies = {m["Subject"]: text_of(m) for m in smtp.messages}
    assert "Vote: Yes" in bodies[f"[U4SSC] Ballot cast: receipt {first_code}"]
    assert "Vote: No" in bodies[f"[U4SSC] Ballot changed: receipt {second.receipt_code}"]


def test_a_request_notice_survives_a_refusal_and_a_timeout(
    cast, smtp, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_TIMEOUT = 1
    smtp.refuse = 1
    with django_capture_on_commit_callbacks(execute=True):
        ask_logo(cast.participant)
    row = OutboxMessage.objects.get(kind="request_logo")
    assert (row.status, row.attempts) == (PENDING, 1) and "451" in row.last_error

    smtp.mode = "hold"  # the server takes the message and never answers
    assert outbox.sweep(now=row.next_attempt_at) == {"retry": 1}
    row.refresh_from_db()
    assert (row.status, row.attempts) == (PENDING, 2) and "timed out" in row.last_error
    assert row.next_attempt_at - timezone.now() > dt.timedelta(seconds=50)  # 30 s, then 60 s: doubled
    assert smtp.messages == []

    smtp.mode = "accept"
    assert outbox.sweep(now=row.next_attempt_at) == {"sent": 1}
    assert outbox.sweep(now=row.next_attempt_at + dt.timedelta(hours=1)) == {}
    assert smtp.recipients() == [cast.secretariat.email]
    assert smtp.messages[0]["Reply-To"] == cast.participant.email
    assert "/admin/governance/logouserequest/" in text_of(smtp.messages[0])


def test_an_invitation_survives_a_mail_server_that_refuses_the_first_attempt(
    client, cast, smtp, django_capture_on_commit_callbacks
):
    smtp.refuse = 1
    client.force_login(cast.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("governance:invitation_create"),
            {"email": "new@wmo.example", "role": "focal_point", "partner": cast.partner_a.pk},
        )
    assert response.status_code == 302  # the page answered at once; no SMTP inside the request
    assert Invitation.objects.get().email == "new@wmo.example"
    row = OutboxMessage.objects.get(kind="invitation")
    assert (row.status, row.attempts, smtp.messages) == (PENDING, 1, [])
    assert outbox.sweep(now=row.next_attempt_at) == {"sent": 1}
    assert outbox.sweep(now=row.next_attempt_at + dt.timedelta(hours=1)) == {}
    assert smtp.recipients() == ["new@wmo.example"]
    assert "/invitations/accept/" in text_of(smtp.messages[0])


def test_a_receipt_queued_while_the_broker_is_down_is_sent_by_the_sweep(
    cast, smtp, monkeypatch, django_capture_on_commit_callbacks
):
    decision = open_decision(cast.secretariat)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.outbox_deliver, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        cast_ballot(decision, cast.partner_a, cast.focal_a)  # the vote is saved all the same
    assert smtp.attempts == 0
    assert OutboxMessage.objects.filter(kind="ballot_receipt", status=PENDING, attempts=0).count() == 2
    monkeypatch.undo()
    later = timezone.now() + outbox.sweep_grace()
    assert outbox.sweep(now=later) == {"sent": 2}
    assert tasks.outbox_sweep.delay().get() == {}
    assert len(smtp.messages) == 2


def test_a_failed_change_queues_no_email(cast, smtp, django_capture_on_commit_callbacks):
    decision = open_decision(cast.secretariat)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        cast_ballot(decision, cast.partner_a, cast.focal_a)
        raise RuntimeError("something later in the request failed")
    assert not OutboxMessage.objects.exists() and not decision.ballots.exists()
    assert outbox.sweep(now=timezone.now() + dt.timedelta(days=1)) == {} and smtp.attempts == 0


def test_after_the_last_attempt_the_email_is_failed_and_send_now_sends_it_once(
    cast, smtp, settings, django_capture_on_commit_callbacks
):
    settings.U4SSC_OUTBOX_MAX_ATTEMPTS = 2
    smtp.refuse = 10
    ask_logo(cast.participant)
    row = OutboxMessage.objects.get()
    assert outbox.deliver(row.pk) == "retry"
    row.refresh_from_db()
    assert outbox.sweep(now=row.next_attempt_at) == {"failed": 1}
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (FAILED, 2, None)
    assert outbox.sweep(now=timezone.now() + dt.timedelta(days=1)) == {}

    smtp.refuse = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send_now([row.pk]) == 1  # the task runs after commit
    row.refresh_from_db()
    assert row.status == SENT and len(smtp.messages) == 1
    assert outbox.send_now([row.pk]) == 0 and len(smtp.messages) == 1


def test_a_request_decided_before_its_notice_left_is_cancelled_not_sent(cast, smtp):
    logo = ask_logo(cast.participant)
    services.logo_use_refuse(by=cast.secretariat, logo_request=logo)
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == {"cancelled": 1}
    assert smtp.attempts == 0 and OutboxMessage.objects.get().status == OutboxMessage.Status.CANCELLED


def test_the_management_command_sends_what_is_due_without_a_broker(cast, smtp, settings):
    settings.U4SSC_OUTBOX_SWEEP_GRACE = 0  # rows are due at once (the task enqueued after commit never ran)
    ask_logo(cast.participant)
    out = StringIO()
    call_command("send_emails", stdout=out)
    assert out.getvalue().startswith("Emails sent 1, to retry 0, failed 0")
    call_command("send_emails", stdout=out)
    assert len(smtp.messages) == 1

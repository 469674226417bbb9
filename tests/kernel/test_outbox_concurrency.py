"""Two senders at once send each email once: threads with their own PostgreSQL connections
(committed rows, real row locks) and a real mail server."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kernel import outbox
from kernel.models import OutboxMessage
from tests.reminders.test_concurrency import _in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def queue(count: int) -> list[int]:
    with transaction.atomic():
        return [
            outbox.enqueue(
                to=f"person{i}@example.org",
                template="people/email/account_deleted",
                kind="test",
                dedupe_key=f"t{i}",
            ).pk
            for i in range(count)
        ]


def test_a_sender_skips_an_email_another_worker_holds(smtp, monkeypatch):
    from kernel import tasks

    monkeypatch.setattr(tasks.outbox_deliver, "apply_async", lambda *a, **k: None)  # no nudge: senders below
    (pk,) = queue(1)
    holding, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            OutboxMessage.objects.select_for_update().get(pk=pk)
            holding.set()
            release.wait(30)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert holding.wait(30)
    try:
        assert outbox.deliver(pk) == "skipped"  # locked: skip, do not wait
        assert smtp.attempts == 0
    finally:
        release.set()
        thread.join(30)
    assert outbox.deliver(pk) == "sent"
    assert outbox.deliver(pk) == "skipped"
    assert len(smtp.messages) == 1


def test_four_sweeps_at_once_send_each_email_once(smtp, monkeypatch):
    from kernel import tasks

    monkeypatch.setattr(tasks.outbox_deliver, "apply_async", lambda *a, **k: None)  # the broker lost them
    ids = queue(20)
    later = timezone.now() + dt.timedelta(minutes=2)
    results = _in_threads(4, lambda: outbox.sweep(now=later))
    assert sum(r.get("sent", 0) for r in results) == 20
    assert len(smtp.messages) == 20 and len(set(smtp.recipients())) == 20
    assert set(OutboxMessage.objects.filter(pk__in=ids).values_list("status", "attempts")) == {("sent", 1)}

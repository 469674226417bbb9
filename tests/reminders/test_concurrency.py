"""Two sweeps at once, and a send while another worker holds the email: no duplicates.
Threads with their own PostgreSQL connections (committed data, real row locks)."""

import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from reminders import services
from reminders.models import Digest, Reminder
from reminders.sweep import reminders_sweep
from tests.reminders.factories import open_decision, tor_in_comment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_threads(count, target):
    barrier = threading.Barrier(count)
    errors, results = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(target())
        except Exception as exc:  # reported below, with the thread's error
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_two_sweeps_at_once_create_no_duplicates(cast):
    for i in range(20):
        open_decision(f"Question {i}")
    tor_in_comment()
    results = _in_threads(4, reminders_sweep)
    assert sum(r.created for r in results) == Reminder.objects.count() == 20 * 4 + 6
    assert Digest.objects.count() == 6  # one email per person: 4 focal points, Chair, Vice-Chair
    assert not Reminder.objects.filter(digest__isnull=True).exists()


def test_a_send_while_another_worker_holds_the_email_sends_nothing(cast):
    open_decision()
    reminders_sweep()
    digest = Digest.objects.get(recipient=cast.focal_b)
    holding, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            Digest.objects.select_for_update().get(pk=digest.pk)
            holding.set()
            release.wait(30)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert holding.wait(30)
    try:
        assert services.digest_send(digest_id=digest.pk) == "skipped"  # locked: skip, do not wait
        assert mail.outbox == []
    finally:
        release.set()
        thread.join(30)
    assert services.digest_send(digest_id=digest.pk) == "sent"
    assert services.digest_send(digest_id=digest.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_two_workers_sending_the_same_emails_at_once_send_each_once(cast):
    for i in range(5):
        open_decision(f"Question {i}")
    digest_ids = reminders_sweep().digest_ids

    def send_all():
        return [services.digest_send(digest_id=d) for d in digest_ids]

    results = _in_threads(2, send_all)
    outcomes = sorted(o for r in results for o in r)
    assert outcomes.count("sent") == len(digest_ids) == 4
    assert len(mail.outbox) == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for p in (cast.focal_a, cast.focal_a2, cast.focal_b, cast.secretariat)
    )

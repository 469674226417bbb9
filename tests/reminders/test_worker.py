"""Reminders through a real Celery worker consuming from Redis, to a real SMTP server.

The worker is a separate process on the test database (PostgreSQL; the tests commit their
data), started by each test with a short visibility timeout so that Redis re-delivers an
unacknowledged task within seconds.

The worker runs on the real clock (time-machine cannot reach another process), so these
tests keep it too (`real_clock`) and hold whatever the day: the cast's mandates end two years
away, and an IP Leader's quarterly e-meeting is on record for this quarter and the next, so
the only reminders are those of the ballots the tests open (due from 7 days before the
deadline; the ballots close in 3 days)."""

import datetime as dt
import signal
import time

import pytest
import redis
from django.db import transaction
from django.utils import timezone

from governance.models import Ballot
from kernel import tasks as outbox_tasks
from kernel.models import OutboxMessage
from kernel.queue import enqueue_on_commit
from reminders import services, tasks
from reminders.milestones import quarter_of
from reminders.models import Digest, Kind, Reminder
from reminders.sweep import reminders_sweep
from tests.reminders.factories import add_minutes, cast_ballot, e_meeting, open_decision
from tests.reminders.harness import (
    RedisServer,
    Worker,
    publishing_to,
    queue_drained,
    redis_db_url,
    smtp_sink,
    wait_for,
)
from tests.services import skip_or_fail

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_clock,
]


@pytest.fixture(autouse=True)
def _no_quarterly_reminder(cast):
    """Within 30 days of a quarter's end the IP Leader and the Secretariat would be reminded
    of the quarterly e-meeting: one is on record, with its minutes, in this quarter and the
    next (a test may run across midnight at a quarter's end)."""
    this_quarter_end = quarter_of(timezone.localdate())[1]
    for n, day in enumerate((quarter_of(this_quarter_end)[0], this_quarter_end + dt.timedelta(days=1))):
        meeting = e_meeting(None, days_ago=0, slug=f"ip-quarterly-{n}", is_ip_quarterly=True)
        meeting.starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        meeting.held_on = day
        meeting.save(update_fields=["starts_at", "held_on"])
        add_minutes(meeting, cast.ip_leader)


@pytest.fixture
def broker_url():
    url = redis_db_url(5)
    redis.Redis.from_url(url).flushdb()  # only this suite's database number
    yield url
    redis.Redis.from_url(url).flushdb()


@pytest.fixture
def sink():
    with smtp_sink() as (controller, handler):
        yield controller, handler


def _status(digest_id):
    return Digest.objects.filter(pk=digest_id).values_list("status", flat=True).first()


def test_a_reminder_is_delivered_by_a_worker_consuming_from_redis(cast, broker_url, sink):
    controller, handler = sink
    open_decision("Adopt the 2026 workplan?")
    digest_ids = reminders_sweep().digest_ids
    worker = Worker(broker_url=broker_url, smtp_port=controller.port)
    try:
        with publishing_to(broker_url):
            for digest_id in digest_ids:
                tasks.send_digest.delay(digest_id)
        wait_for(lambda: len(handler.messages) == 4, timeout=60, what="4 emails at the SMTP server")
        wait_for(lambda: queue_drained(broker_url), timeout=30, what="the queue to drain")
    finally:
        worker.stop()
    assert handler.recipients() == sorted(
        p.email for p in (cast.focal_a, cast.focal_a2, cast.focal_b, cast.secretariat)
    )
    message = next(m for m in handler.messages if m["To"] == cast.focal_b.email)
    assert message["Subject"] == "[U4SSC] Vote: Adopt the 2026 workplan?"
    assert sorted(part.get_content_type() for part in message.walk() if not part.is_multipart()) == [
        "text/html",
        "text/plain",
    ]
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.SENT}


def test_a_worker_killed_mid_send_leaves_exactly_one_email_after_redelivery(cast, broker_url, sink):
    controller, handler = sink
    open_decision()
    reminders_sweep()
    digest = Digest.objects.get(recipient=cast.focal_b)
    handler.mode = "hold"  # the server keeps the first sender waiting for its reply
    first = Worker(broker_url=broker_url, smtp_port=controller.port)
    second = None
    try:
        with publishing_to(broker_url):
            tasks.send_digest.delay(digest.pk)
        assert handler.held.wait(60), first.output()[-3000:]
        first.kill(signal.SIGKILL)  # mid-task: the message is unacknowledged, the transaction open
        assert handler.messages == []
        handler.mode = "accept"
        second = Worker(broker_url=broker_url, smtp_port=controller.port)  # Redis re-delivers
        wait_for(lambda: len(handler.messages) == 1, timeout=60, what="the re-delivered send")
        wait_for(lambda: queue_drained(broker_url), timeout=30, what="the queue to drain")
        with publishing_to(broker_url):  # the same task delivered once more sends nothing
            tasks.send_digest.delay(digest.pk)
        time.sleep(0.5)
        wait_for(lambda: queue_drained(broker_url), timeout=30, what="the duplicate to be consumed")
    finally:
        first.stop()
        if second:
            second.stop()
    assert handler.recipients() == [cast.focal_b.email]
    assert handler.attempts == 2  # the held one (never accepted) and the one that went
    assert Reminder.objects.get(recipient=cast.focal_b).status == Reminder.Status.SENT


def test_a_failing_mail_server_is_retried_by_the_outbox_then_marked_failed(cast, broker_url, sink):
    controller, handler = sink
    handler.mode = "reject"
    open_decision()
    reminders_sweep()
    digest = Digest.objects.get(recipient=cast.focal_b)
    env = {"U4SSC_OUTBOX_RETRY_BACKOFF": "1", "U4SSC_OUTBOX_MAX_ATTEMPTS": "3"}
    worker = Worker(broker_url=broker_url, smtp_port=controller.port, env=env)
    key = services.digest_key(digest.pk)

    def row():
        return OutboxMessage.objects.filter(dedupe_key=key).values_list("status", "attempts").first()

    try:
        with publishing_to(broker_url):
            tasks.send_digest.delay(digest.pk)
        wait_for(lambda: row() == ("pending", 1), timeout=60, what="the refused first attempt")
        for attempts in (2, 3):
            time.sleep(2.5)  # the backoff: 1 s, then 2 s
            with publishing_to(broker_url):  # the beat's sweep
                outbox_tasks.outbox_sweep.delay()
            wait_for(lambda: row()[1] == attempts, timeout=60, what=f"attempt {attempts}")  # noqa: B023
    finally:
        worker.stop()
    assert row() == ("failed", 3) and handler.attempts == 3 and handler.messages == []
    assert "451" in OutboxMessage.objects.get(dedupe_key=key).last_error
    assert _status(digest.pk) == Digest.Status.SENT  # handed to the outbox once, never twice
    assert Reminder.objects.get(recipient=cast.focal_b).status == Reminder.Status.SENT


def test_redis_down_while_a_ballot_is_cast_then_back_the_ballot_is_saved_and_the_reminder_arrives(cast, sink):
    server = RedisServer()
    if not server.binary:
        skip_or_fail("needs redis-server to stop and restart a private Redis")
    controller, handler = sink
    decision = open_decision("Approve the Valencia Hub?")
    server.start()
    worker = Worker(broker_url=server.url, smtp_port=controller.port)
    try:
        with publishing_to(server.url):
            server.stop()
            with transaction.atomic():  # the ballot service, then the nudge a service may add
                cast_ballot(decision, cast.partner_a, cast.focal_a)  # governance.services.ballot_cast
                enqueue_on_commit(tasks.sweep)  # the broker is down: logged, not raised
            assert Ballot.objects.filter(decision=decision, partner=cast.partner_a).exists()
            assert not Reminder.objects.exists()

            server.start()
            client = redis.Redis.from_url(server.url)
            wait_for(
                lambda: client.exists("_kombu.binding.celery"), timeout=60, what="the worker to reconnect"
            )
            tasks.sweep.apply_async()  # the next beat sweep catches up
            wait_for(
                lambda: len(handler.messages) == 2, timeout=60, what="the reminders after Redis returned"
            )
    finally:
        worker.stop()
        server.stop()
    assert handler.recipients() == sorted([cast.focal_b.email, cast.secretariat.email])  # WMO has voted
    assert Reminder.objects.filter(kind=Kind.BALLOT, status=Reminder.Status.SENT).count() == 2
    today = timezone.localdate()  # the worker's day (the test may have run across midnight)
    days = {today - dt.timedelta(days=1), today}
    assert Digest.objects.filter(status=Digest.Status.SENT, day__in=days).count() == 2

"""The outbox through a real Celery worker consuming from Redis, to a real SMTP server: a vote
receipt refused on its first attempt arrives once through the worker's sweep, and a worker
SIGKILLed mid-send leaves exactly one email after Redis re-delivers the task.

The worker is a separate process on the test database (PostgreSQL; the tests commit their
data) with a short visibility timeout, so that Redis re-delivers an unacknowledged task."""

from __future__ import annotations

import signal
import time

import pytest
import redis

from kernel import tasks
from kernel.models import OutboxMessage
from tests.people.conftest import cast_ballot, open_decision
from tests.reminders.harness import Worker, publishing_to, queue_drained, redis_db_url, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_url():
    url = redis_db_url(2)
    redis.Redis.from_url(url).flushdb()  # only this suite's database number
    yield url
    redis.Redis.from_url(url).flushdb()


def statuses() -> list[tuple[str, int]]:
    return list(OutboxMessage.objects.order_by("pk").values_list("status", "attempts"))


def test_a_refused_receipt_arrives_once_through_the_workers_sweep(cast, broker_url, smtp):
    decision = open_decision(cast.secretariat)
    smtp.refuse = 2
    worker = Worker(broker_url=broker_url, smtp_port=smtp.port, env={"U4SSC_OUTBOX_RETRY_BACKOFF": "1"})
    try:
        with publishing_to(broker_url):
            cast_ballot(decision, cast.partner_a, cast.focal_a)  # commits: the task goes to Redis
        wait_for(lambda: statuses() == [("pending", 1)] * 2, timeout=60, what="the refused first attempts")
        time.sleep(2.5)  # the backoff: 1 s
        with publishing_to(broker_url):  # the beat's sweep
            tasks.outbox_sweep.delay()
        wait_for(lambda: statuses() == [("sent", 2)] * 2, timeout=60, what="the receipts to be sent")
        with publishing_to(broker_url):  # the same task once more sends nothing
            for pk in OutboxMessage.objects.values_list("pk", flat=True):
                tasks.outbox_deliver.delay(pk)
            tasks.outbox_sweep.delay()
        wait_for(lambda: queue_drained(broker_url), timeout=30, what="the queue to drain")
    finally:
        worker.stop()
    assert smtp.recipients() == ["focal_a2@example.org", "focal_a@example.org"]
    assert smtp.attempts == 4


def test_a_worker_killed_mid_send_leaves_exactly_one_email_after_redelivery(cast, broker_url, smtp):
    decision = open_decision(cast.secretariat)
    smtp.mode = "hold"  # the server keeps the first sender waiting for its reply
    first = Worker(broker_url=broker_url, smtp_port=smtp.port)
    second = None
    try:
        with publishing_to(broker_url):
            cast_ballot(decision, cast.partner_b, cast.focal_b)  # one focal point: one receipt
        assert smtp.held.wait(60), first.output()[-3000:]
        first.kill(signal.SIGKILL)  # mid-send: the message is unacknowledged, the transaction open
        assert smtp.messages == []
        smtp.mode = "accept"
        second = Worker(broker_url=broker_url, smtp_port=smtp.port)  # Redis re-delivers
        wait_for(lambda: statuses() == [("sent", 1)], timeout=60, what="the re-delivered send")
        wait_for(lambda: queue_drained(broker_url), timeout=30, what="the queue to drain")
    finally:
        first.stop()
        if second:
            second.stop()
    assert smtp.recipients() == [cast.focal_b.email]
    assert smtp.attempts == 2  # the held one (never accepted) and the one that went

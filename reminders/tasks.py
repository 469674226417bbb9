"""Reminder jobs. Thin and idempotent: they take ids, re-read the database and call services.

- `sweep` (beat, hourly; also a nudge any service may enqueue after saving something with a
  deadline): creates the due reminder rows and queues each person's email.
- `send_digest(digest_id)`: writes one person's email to the outbox exactly once; the outbox
  (kernel.tasks.outbox_deliver, outbox_sweep) sends it, retries a failing mail server with
  backoff and marks it failed after the last attempt, like every other email.

Both use `acks_late` with `reject_on_worker_lost`: a worker killed mid-task leaves the
message unacknowledged and Redis re-delivers it; the database row makes the second run a
no-op or the first real send.
"""

from __future__ import annotations

from celery import shared_task

from kernel.queue import enqueue_on_commit
from reminders import services
from reminders.sweep import reminders_sweep


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sweep() -> int:
    result = reminders_sweep()
    for digest_id in result.digest_ids:
        enqueue_on_commit(send_digest, digest_id)
    return len(result.digest_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_digest(digest_id: int) -> str:
    return services.digest_send(digest_id=digest_id)

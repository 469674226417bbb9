"""Outbox jobs (kernel/outbox.py). Thin and idempotent: they take ids and re-read the row.

- `outbox_deliver(message_id, *more_ids)`: enqueued after the commit that wrote the row(s); sends each once.
  A mail error is recorded on the row (attempts, next attempt with backoff), not retried by
  Celery: the sweep sends it when its time comes.
- `outbox_sweep` (beat, every minute): sends every pending row whose time has come.

Both use `acks_late` with `reject_on_worker_lost`: a worker killed mid-send leaves the message
unacknowledged and its transaction rolled back; the re-delivered task (or the sweep) sends it.
"""

from __future__ import annotations

from celery import shared_task

from kernel import outbox


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outbox_deliver(message_id: int, *more_ids: int) -> str | list[str]:
    """Send the row, or the rows one change queued together (a vote's receipts to the Partner's
    focal points: one task published instead of one per row, issue 17), each once."""
    if not more_ids:
        return outbox.deliver(message_id)
    return [outbox.deliver(pk) for pk in (message_id, *more_ids)]


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outbox_sweep() -> dict:
    return outbox.sweep()

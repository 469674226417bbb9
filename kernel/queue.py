"""Starting Celery tasks after commit, without ever losing the user's work to a broker outage.

The durable record is always the database row the service just saved; a task is only a
nudge. If the broker is down when the transaction commits, the failure is logged and the
periodic sweep (reminders, decision closing) catches up when it is back.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


class _Batch:
    """The tasks one commit sends: a task with the same arguments is sent once in it."""

    __slots__ = ("sent", "ran")

    def __init__(self) -> None:
        self.sent: set = set()
        self.ran = False


def _batch(connection) -> _Batch:
    """The batch of the callbacks waiting for this transaction's commit (a new one when none of
    ours waits, or when the waiting ones have already run: a test runs them inside its own
    transaction, with `django_capture_on_commit_callbacks(execute=True)`, and they stay listed)."""
    if connection.in_atomic_block:
        for _, func, _ in reversed(connection.run_on_commit):
            batch = getattr(func, "queue_batch", None)
            if batch is not None:
                return _Batch() if batch.ran else batch
    return _Batch()


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """`task.delay(*args, **kwargs)` once the surrounding transaction commits; never raises.

    The same task with the same arguments queued again before the commit is sent once: every task
    queued here does its work for its arguments (a record's id, a set of ids) as the database is
    after the commit, so a second run does nothing the first did not (a demo load verified a
    thousand KPI values in one transaction and recomputed the same cycles' scores after each). A
    queuing undone by a savepoint's rollback never runs, so it hides nothing."""
    key = (task.name, repr(args), repr(sorted(kwargs.items())))
    batch = _batch(transaction.get_connection())

    def send():
        batch.ran = True
        if key in batch.sent:
            return
        batch.sent.add(key)
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # the broker is down or unreachable: the sweep will catch up
            logger.warning(
                "Could not enqueue %s%s; the next sweep will catch up", task.name, args, exc_info=True
            )

    send.queue_batch = batch
    transaction.on_commit(send)


def broker_folders_make() -> None:
    """Without Redis the broker is a folder (kombu's filesystem transport, settings.py): make its
    folders, which kombu expects to exist, before anything publishes or consumes."""
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    if not settings.CELERY_BROKER_URL.startswith("filesystem:"):
        return
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            try:
                Path(options[key]).mkdir(parents=True, exist_ok=True)
            except OSError:  # a read-only tree: publishing will log it (enqueue_on_commit)
                logger.warning("Could not make the broker folder %s", options[key], exc_info=True)

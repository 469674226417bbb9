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


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """`task.delay(*args, **kwargs)` once the surrounding transaction commits; never raises.

    The same task with the same arguments queued again before the commit is sent once: every task
    queued here does its work for its arguments (a record's id, a set of ids) as the database is
    after the commit, so a second run does nothing the first did not (a demo load verified a
    thousand KPI values in one transaction and recomputed the same cycles' scores after each)."""
    key = (task.name, repr(args), repr(sorted(kwargs.items())))
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(func, "queue_key", None) == key for _, func, _ in connection.run_on_commit
    ):  # the callbacks of a savepoint rolled back are gone from this list: queued again then
        return

    def send():
        send.queue_key = None  # sent: a later queuing is sent again (tests run callbacks early)
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # the broker is down or unreachable: the sweep will catch up
            logger.warning(
                "Could not enqueue %s%s; the next sweep will catch up", task.name, args, exc_info=True
            )

    send.queue_key = key
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

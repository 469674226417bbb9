"""Reminder jobs. Thin and idempotent: they take ids, re-read the database and call services.

- `sweep` (beat, hourly; also a nudge any service may enqueue after saving something with a
  deadline): creates the due reminder rows and queues each person's email.
- `send_digest(digest_id)`: sends one email exactly once; SMTP errors retry with
  exponential backoff, capped below the broker's visibility timeout (no long ETA on Redis);
  after the last retry the email is marked failed for the Secretariat.

Both use `acks_late` with `reject_on_worker_lost`: a worker killed mid-task leaves the
message unacknowledged and Redis re-delivers it; the database row makes the second run a
no-op or the first real send.
"""

from __future__ import annotations

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval

from kernel.queue import enqueue_on_commit
from reminders import conf, services
from reminders.sweep import reminders_sweep


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sweep() -> int:
    result = reminders_sweep()
    for digest_id in result.digest_ids:
        enqueue_on_commit(send_digest, digest_id)
    return len(result.digest_ids)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.MAIL_ERRORS,
    max_retries=conf.max_retries(),
    retry_backoff=conf.retry_backoff(),
    retry_backoff_max=conf.retry_backoff_max(),
    retry_jitter=False,
)
def send_digest(self, digest_id: int) -> str:
    try:
        return services.digest_send(digest_id=digest_id)
    except services.MAIL_ERRORS as exc:
        retries = self.request.retries or 0
        services.digest_record_failure(
            digest_id=digest_id,
            error=str(exc) or exc.__class__.__name__,
            final=retries >= self.max_retries,
            retry_in=get_exponential_backoff_interval(
                factor=self.retry_backoff, retries=retries, maximum=self.retry_backoff_max, full_jitter=False
            ),
        )
        raise  # autoretry_for: retried with backoff, or failed after the last retry

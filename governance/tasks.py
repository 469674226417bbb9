"""Governance jobs. Thin and idempotent: they take ids (or nothing), re-read the world and call a service."""

from celery import shared_task

from governance import services


@shared_task(acks_late=True)
def daily_sweep() -> int:
    """Remove the grants of mandates whose term is over (ToR 28). Safe to run any number of times."""
    return len(services.mandates_expire())


@shared_task(acks_late=True)
def close_due_decisions() -> int:
    """Close every open decision past its deadline, whether or not anyone visits (every minute).

    Idempotent: a decision already closed is left as it is, so overlapping runs are harmless."""
    return len(services.decisions_close_due())


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_request(kind: str, pk: int) -> bool:
    """Tell the Secretariat of a new logo-use, Hub or engagement request (once; SMTP errors retry)."""
    return services.request_notify(kind=kind, pk=pk)


@shared_task(acks_late=True)
def notify_pending_requests() -> int:
    """The sweep: requests whose email was lost while the broker was down (every ten minutes)."""
    return services.requests_notify_pending()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def tell_partners_of_change(decision_id: int, event: str, previous_deadline: str = "") -> int:
    """Email the focal points that a running ballot was extended or withdrawn (SMTP errors retry)."""
    return services.decision_tell_partners(
        decision_id=decision_id, event=event, previous_deadline=previous_deadline
    )

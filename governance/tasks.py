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


@shared_task(acks_late=True)
def close_if_every_partner_voted(decision_id: int) -> bool:
    """After a Partner's first ballot: close the decision once every current Partner has voted
    (votes run side by side, so the last two at once may each miss the other). Idempotent."""
    return services.decision_close_if_every_partner_voted(decision_id=decision_id)

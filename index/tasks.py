"""Index jobs: thin and idempotent, they take ids and re-read the world."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def compute_edition(edition_id: int) -> int:
    from index import services

    return services.edition_compute(edition_id=edition_id).pk


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def sweep_editions() -> list[int]:
    from index import services

    return services.editions_sweep()

"""KPI jobs: thin and idempotent, they take ids and re-read the world."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def scores_recompute(cycle_ids: list[int] | None = None) -> int:
    """Store the scorecards of these cycles (all when None); idempotent. Returns rows written."""
    from kpis import services

    return services.scores_recompute(cycle_ids=cycle_ids)

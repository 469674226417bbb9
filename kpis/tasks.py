"""KPI jobs: thin and idempotent, they take ids and re-read the world."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from kernel.pdf import PdfUnavailable

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def render_cycle_documents(cycle_id: int) -> list[int]:
    """Render the verification report and the certificate of a verified cycle, unless current."""
    from kpis import documents

    try:
        return documents.cycle_documents_render(cycle_id=cycle_id)
    except PdfUnavailable:
        logger.error("Cannot render the documents of cycle %s: WeasyPrint is unavailable", cycle_id)
        return []


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def scores_recompute(cycle_ids: list[int] | None = None) -> int:
    """Store the scorecards of these cycles (all when None); idempotent. Returns rows written."""
    from kpis import services

    return services.scores_recompute(cycle_ids=cycle_ids)

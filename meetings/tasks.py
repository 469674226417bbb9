"""Meeting jobs. Thin and idempotent: they take ids, re-read the world and call the report module."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from kernel.pdf import PdfUnavailable
from meetings import report

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def render_meeting_report(meeting_id: int, language: str | None = None) -> int | None:
    """Render the draft report PDF of a meeting unless the cached one is current, in `language`
    (the reader's who asked for it)."""
    try:
        render = report.report_render(meeting_id=meeting_id, language=language)
    except PdfUnavailable:
        logger.error("Cannot render the report of meeting %s: WeasyPrint is unavailable", meeting_id)
        return None
    return render.pk if render is not None else None

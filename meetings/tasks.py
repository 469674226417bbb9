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
def render_meeting_report(meeting_id: int, variant: str | None = None) -> list[int]:
    """Render the report PDF of a meeting (one variant, or both) unless the cached one is current."""
    variants = [variant] if variant else [report.PUBLIC, report.PARTNERS]
    rendered = []
    for name in variants:
        try:
            render = report.report_render(meeting_id=meeting_id, variant=name)
        except PdfUnavailable:
            logger.error("Cannot render the report of meeting %s: WeasyPrint is unavailable", meeting_id)
            return rendered
        if render is not None:
            rendered.append(render.pk)
    return rendered

"""People jobs: thin and idempotent, they take ids and re-read the world."""

from __future__ import annotations

import smtplib

from celery import shared_task

from people.emails import send_email


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_focal_point_ended(focal_point_id: int) -> bool:
    """Email the person whose focal point ended. Sends nothing for a deleted account or no address."""
    from governance.models import FocalPoint

    focal_point = FocalPoint.objects.select_related("partner", "person").filter(pk=focal_point_id).first()
    if focal_point is None or focal_point.ended_on is None:
        return False
    person = focal_point.person
    if person.is_former or not person.email:
        return False
    send_email(
        "focal_point_ended",
        [person.email],
        {"focal_point": focal_point, "person": person, "partner": focal_point.partner},
    )
    return True

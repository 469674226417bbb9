"""Deliverable and workplan jobs. Thin and idempotent: they take ids, re-read the world and call a service."""

from celery import shared_task

from kernel.lifecycle import DomainError
from thematic_groups import services
from thematic_groups.models import Deliverable, Workplan


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_deliverable_pdf(deliverable_id: int) -> bool:
    """Render (once) the public PDF of a published deliverable's current edition."""
    deliverable = Deliverable.objects.filter(pk=deliverable_id).first()
    if deliverable is None:
        return False
    try:
        services.deliverable_public_pdf(deliverable=deliverable)
    except DomainError:  # withdrawn in the meantime: nothing to render
        return False
    return True


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_workplan_pdf(workplan_id: int) -> bool:
    workplan = Workplan.objects.filter(pk=workplan_id).first()
    if workplan is None:
        return False
    try:
        services.workplan_pdf(workplan=workplan)
    except DomainError:
        return False
    return True

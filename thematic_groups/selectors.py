"""Reads of Thematic Groups and deliverables, with the visibility filter built in (ToR 33, 35)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from governance.rulebook import visibility
from thematic_groups.models import Deliverable

PUBLIC_Q = Q(status=Deliverable.Status.PUBLISHED) | Q(
    status=Deliverable.Status.WITHDRAWN, published_on__isnull=False
)


def deliverable_list_public() -> QuerySet[Deliverable]:
    """Published deliverables (and withdrawn ones that were published), newest first."""
    return (
        Deliverable.objects.filter(PUBLIC_Q)
        .select_related("thematic_group")
        .order_by("-published_on", "title")
    )


def deliverable_list_visible(*, user) -> QuerySet[Deliverable]:
    """Everything `user` may see: published material, and unpublished material of their audience."""
    seen = visibility(user, "unpublished.view")
    return Deliverable.objects.filter(
        PUBLIC_Q | seen.q(group="thematic_group_id", deliverable="pk")
    ).select_related("thematic_group")

"""Reads of the Partners register for the public pages (ToR 12, 30, 42, Annex II-III).

Partners, their current focal points' names (Annex III names them publicly) and their
approved Hubs are public; a Hub that is only requested is not shown.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from governance.models import FocalPoint, Hub, Partner


def partner_list_current(*, on: dt.date | None = None) -> QuerySet[Partner]:
    """The Partners today (Annex II), the Secretariat first, then by name."""
    on = on or timezone.localdate()
    return Partner.objects.current(on=on).order_by("-is_secretariat", "name")


def partner_detail_public(*, slug: str, on: dt.date | None = None) -> Partner:
    """A Partner with its current focal points and approved Hubs prefetched; 404 if unknown."""
    on = on or timezone.localdate()
    focal_points = (
        FocalPoint.objects.filter(started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .select_related("person")
        .order_by("-is_secretariat_contact", "person__last_name", "person__first_name")
    )
    hubs = Hub.objects.filter(status=Hub.Status.APPROVED).order_by("country", "name")
    queryset = Partner.objects.prefetch_related(
        Prefetch("focal_points", queryset=focal_points, to_attr="current_focal_points"),
        Prefetch("hubs", queryset=hubs, to_attr="approved_hubs"),
    )
    return get_object_or_404(queryset, slug=slug)

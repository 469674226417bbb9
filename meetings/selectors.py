"""Reads of meetings, with the audience filter built in."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from governance.rulebook import principal_for
from meetings.models import Meeting


def meeting_list_visible(*, user) -> QuerySet[Meeting]:
    """Annual meetings whose programme is published; e-meetings to their audience."""
    principal = principal_for(user)
    public = Q(kind=Meeting.Kind.ANNUAL, agenda_status=Meeting.AgendaStatus.PUBLISHED)
    if principal.can("meeting.manage"):
        public = Q(kind=Meeting.Kind.ANNUAL)
    group_view = principal.visibility("emeeting.view")
    ip_view = principal.visibility("emeeting.view_ip")
    e_meetings = Q(kind=Meeting.Kind.E_MEETING) & (
        (Q(is_ip_quarterly=False) & group_view.q(group="thematic_group_id", deliverable="deliverable_id"))
        | (Q(is_ip_quarterly=True) & (Q() if ip_view.everything else Q(pk__in=[])))
    )
    if group_view.group_ids:
        e_meetings |= Q(kind=Meeting.Kind.E_MEETING, deliverable__thematic_group_id__in=group_view.group_ids)
    return Meeting.objects.filter(public | e_meetings).select_related("thematic_group", "deliverable")


def meeting_list_upcoming(*, user) -> QuerySet[Meeting]:
    return meeting_list_visible(user=user).filter(starts_at__gte=timezone.now()).order_by("starts_at")

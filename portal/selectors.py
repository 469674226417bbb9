"""Reads shared by the portal's own pages (home, My roles)."""

from __future__ import annotations

from governance.models import FocalPoint, Mandate
from governance.rulebook import Principal, principal_for
from thematic_groups.models import Deliverable, ThematicGroup


def home_page(*, user) -> dict:
    from meetings import selectors as meeting_selectors
    from thematic_groups import selectors as group_selectors

    return {
        "latest_deliverables": group_selectors.deliverable_list_public()[:5],
        "upcoming_meetings": meeting_selectors.meeting_list_upcoming(user=user)[:5],
    }


def my_roles(*, user, principal: Principal | None = None) -> dict:
    principal = principal or principal_for(user)
    mandates = Mandate.objects.filter(pk__in=principal.mandate_ids).select_related("thematic_group")
    focal_points = FocalPoint.objects.filter(
        person=user, ended_on__isnull=True, partner_id__in=principal.partner_ids
    ).select_related("partner")
    return {
        "principal": principal,
        "roles": sorted(principal.roles(), key=lambda r: r.label),
        "mandates": mandates,
        "focal_points": focal_points,
        "led_groups": ThematicGroup.objects.filter(pk__in=principal.leader_group_ids),
        "member_groups": ThematicGroup.objects.filter(pk__in=principal.member_group_ids),
        "team_deliverables": Deliverable.objects.filter(pk__in=principal.team_deliverable_ids).select_related(
            "thematic_group"
        ),
    }

"""Reads shared by the portal's own pages (home, My roles)."""

from __future__ import annotations

from governance.models import ExternalEngagementNotice, FocalPoint, Hub, LogoUseRequest, Mandate
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
    """The person's roles, mandates, Partners, groups and deliverables. A list the Principal
    says is empty is no query at all: Django compiles a `pk__in=[]` query whole before finding
    it empty, and for the 300 participants of the busy hour those five compilations were a third
    of their My roles page (issue 17)."""
    principal = principal or principal_for(user)
    mandates = (
        Mandate.objects.filter(pk__in=principal.mandate_ids).select_related("thematic_group")
        if principal.mandate_ids
        else []
    )
    focal_points = (
        FocalPoint.objects.filter(
            person=user, ended_on__isnull=True, partner_id__in=principal.partner_ids
        ).select_related("partner")
        if principal.partner_ids
        else []
    )
    return {
        "principal": principal,
        "roles": sorted(principal.roles(), key=lambda r: r.label),
        "mandates": mandates,
        "focal_points": focal_points,
        "led_groups": (
            ThematicGroup.objects.filter(pk__in=principal.leader_group_ids)
            if principal.leader_group_ids
            else []
        ),
        "member_groups": (
            ThematicGroup.objects.filter(pk__in=principal.member_group_ids)
            if principal.member_group_ids
            else []
        ),
        "team_deliverables": (
            Deliverable.objects.filter(pk__in=principal.team_deliverable_ids).select_related("thematic_group")
            if principal.team_deliverable_ids
            else []
        ),
    }


def waiting_for(*, user, principal: Principal | None = None) -> dict:
    """What the ToR expects of this person now, each list asked of the rulebook and capped:
    ballots their Partner has not cast, ToR drafts open for their comments, workplans waiting
    for their inputs, agendas to frame, workplans to review, Leader appointments to concur with,
    registrations to confirm, minutes that are overdue, and for the Secretariat the nominations
    waiting for a ballot, comments not yet handled, expert applications to vet (with the
    Management Team), logo-use requests, Hub requests and engagement notices to handle."""
    from django.db.models import Count, Exists, F, OuterRef, Q
    from django.utils import timezone

    from governance.models import ToRComment, ToRVersion
    from governance.selectors import decisions_awaiting_vote, nominations_open
    from meetings.models import Meeting, Registration, Session
    from meetings.selectors import minutes_overdue_for
    from thematic_groups.models import ExpertApplication, Workplan, WorkplanInput

    principal = principal or principal_for(user)
    cap = 10
    waiting: dict = {
        "ballots": decisions_awaiting_vote(user, counted=False)[:cap] if principal.partner_ids else []
    }
    waiting["agendas"] = (
        Meeting.objects.filter(kind=Meeting.Kind.ANNUAL, agenda_status=Meeting.AgendaStatus.DRAFT)
        .filter(Exists(Session.objects.filter(meeting=OuterRef("pk"))))
        .order_by("starts_at")[:cap]
        if principal.can("meeting.frame_agenda")
        else []
    )
    waiting["workplans"] = (
        Workplan.objects.filter(status=Workplan.Status.MT_REVIEW, reviewed_on__isnull=True)[:cap]
        if principal.can("workplan.review")
        else []
    )
    waiting["leader_proposals"] = (
        Mandate.objects.filter(role=Mandate.Role.LEADER, status=Mandate.Status.PROPOSED)
        .select_related("person", "thematic_group")
        .order_by("starts_on")[:cap]
        if principal.can("mandate.concur_leader")
        else []
    )
    waiting["registrations"] = (
        Registration.objects.filter(status=Registration.Status.PENDING)
        .select_related("meeting")
        .order_by("created_at")[:cap]
        if principal.can("meeting.manage")
        else []
    )
    # Requests made from the portal that wait for the Secretariat (ToR 30, 36, 37-38)
    waiting["logo_requests"] = (
        LogoUseRequest.objects.filter(status=LogoUseRequest.Status.PENDING)
        .select_related("requester")
        .order_by("created_at", "pk")[:cap]
        if principal.can("logo.approve")
        else []
    )
    waiting["hub_requests"] = (
        Hub.objects.filter(status=Hub.Status.REQUESTED).select_related("partner").order_by("pk")[:cap]
        if principal.can("decision.open")
        else []
    )
    waiting["engagement_notices"] = (
        ExternalEngagementNotice.objects.filter(acknowledged_by__isnull=True)
        .select_related("person")
        .order_by("created_at", "pk")[:cap]
        if principal.can("registers.keep")
        else []
    )
    # The ToR's own expectations (ToR 9, 10a, 13, 15, 20c): one capped query each, or none.
    now = timezone.now()
    waiting["comment_periods"] = (
        ToRVersion.objects.filter(status=ToRVersion.Status.COMMENT_PERIOD, comment_deadline__gt=now).order_by(
            "comment_deadline"
        )[:cap]
        if principal.can("tor.comment")
        else []
    )
    waiting["workplan_inputs"] = (
        Workplan.objects.filter(status=Workplan.Status.COMPILING)
        .filter(Q(inputs_deadline__isnull=True) | Q(inputs_deadline__gt=now))
        .exclude(Exists(WorkplanInput.objects.filter(workplan=OuterRef("pk"), author=user)))
        .order_by("inputs_deadline", "pk")[:cap]
        if principal.can("workplan.input")
        else []
    )
    waiting["nominations"] = (
        nominations_open().order_by("created_at", "pk")[:cap] if principal.can("decision.open") else []
    )
    waiting["unhandled_comments"] = (
        ToRComment.objects.filter(
            handling=ToRComment.Handling.PENDING,
            tor_version__status__in=[ToRVersion.Status.DRAFT, ToRVersion.Status.COMMENT_PERIOD],
        )
        .values(number=F("tor_version__number"))
        .annotate(pending=Count("pk"))
        .order_by("number")[:cap]
        if principal.can("tor.handle_comment")
        else []
    )
    waiting["expert_applications"] = (
        ExpertApplication.objects.filter(status=ExpertApplication.Status.PENDING)
        .select_related("applicant", "call")
        .order_by("created_at", "pk")[:cap]
        if principal.can("call.vet")
        else []
    )
    overdue = minutes_overdue_for(user=user)
    waiting["overdue_minutes"] = overdue.select_related("thematic_group")[:cap] if overdue is not None else []
    waiting["anything"] = any(list(items) for items in waiting.values())
    return waiting

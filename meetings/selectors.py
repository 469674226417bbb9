"""Reads of meetings, with the audience filter built in (pages, feeds, PDFs and the API share them)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from governance.rulebook import Principal, principal_for
from meetings.models import Audience, Meeting, MeetingDecision, Minutes, Presentation, Registration, Session


def _sees_everything(principal: Principal, action: str) -> bool:
    """Meetings belong to no Partner: any Partner focal point in a rule's audience sees them all."""
    vis = principal.visibility(action)
    return vis.everything or bool(vis.partner_ids)


def visible_q(principal: Principal) -> Q:
    """The meetings a person may know exist."""
    if principal.can("meeting.manage") or principal.can("meeting.frame_agenda"):
        annual = Q(kind=Meeting.Kind.ANNUAL)
    else:
        annual = Q(kind=Meeting.Kind.ANNUAL, agenda_status=Meeting.AgendaStatus.PUBLISHED)

    group_meetings = Q(kind=Meeting.Kind.E_MEETING, is_ip_quarterly=False)
    if not _sees_everything(principal, "emeeting.view"):
        vis = principal.visibility("emeeting.view")
        scope = Q(pk__in=[])  # no join of deliverables for someone in no group and no team
        if vis.group_ids:
            scope |= Q(thematic_group_id__in=vis.group_ids) | Q(
                deliverable__thematic_group_id__in=vis.group_ids
            )
        if vis.deliverable_ids:
            scope |= Q(deliverable_id__in=vis.deliverable_ids)
        group_meetings &= scope
    ip_meetings = Q(kind=Meeting.Kind.E_MEETING, is_ip_quarterly=True)
    if not _sees_everything(principal, "emeeting.view_ip"):
        ip_meetings = Q(pk__in=[])
    return annual | group_meetings | ip_meetings


def meeting_list_visible(*, user) -> QuerySet[Meeting]:
    """Annual meetings whose programme is published (all of them for the Secretariat and the
    Chair, who frame them), and e-meetings to their audience."""
    principal = principal_for(user)
    return Meeting.objects.filter(visible_q(principal)).select_related(
        "thematic_group", "deliverable", "deliverable__thematic_group"
    )


def meeting_list_upcoming(*, user) -> QuerySet[Meeting]:
    return (
        meeting_list_visible(user=user)
        .filter(starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
    )


def meeting_list_past(*, user) -> QuerySet[Meeting]:
    return meeting_list_visible(user=user).filter(starts_at__lt=timezone.now()).order_by("-starts_at")


def meeting_get_visible(*, user, slug: str) -> Meeting:
    """The meeting, or 404 for those who may not know it exists. Its row alone (the slug is
    unique: no ordering), then its group and deliverable only for a meeting that has them (an
    annual meeting has neither): joining the three wide, translated tables made compiling the
    query 5-6 ms of each meeting page's first visit, reading it ~1 ms (issue 17)."""
    meeting = next(
        iter(Meeting.objects.filter(visible_q(principal_for(user)), slug=slug).order_by()[:1]), None
    )
    if meeting is None:
        raise Http404("No such meeting.")
    if meeting.thematic_group_id or meeting.deliverable_id:
        prefetch_related_objects([meeting], "thematic_group", "deliverable__thematic_group")
    return meeting


def sees_partners_only(user) -> bool:
    """Whether the person is in the audience of Partners-only sessions (MR 3.6)."""
    return principal_for(user).can("meeting.view_partners_only")


def meeting_programme(*, meeting: Meeting, user) -> list[Session]:
    """The sessions with moderator, speakers, presentations and decisions; the content of
    Partners-only sessions is dropped for anyone outside that audience."""
    sessions = list(
        meeting.sessions.select_related("moderator").prefetch_related(
            "speakers",
            Prefetch("presentations", queryset=Presentation.objects.select_related("speaker")),
            Prefetch("decisions", queryset=MeetingDecision.objects.select_related("mandate__person")),
        )
    )
    insider = sees_partners_only(user)
    for session in sessions:
        session.restricted = session.audience == Audience.PARTNERS
        session.hidden = session.restricted and not insider
        session.moderator_label = session.moderator_name or (
            str(session.moderator) if session.moderator else ""
        )
        if session.hidden:
            session.visible_speakers = []
            session.visible_presentations = []
            session.visible_decisions = []
        else:
            session.visible_speakers = list(session.speakers.all())
            session.visible_presentations = list(session.presentations.all())
            session.visible_decisions = list(session.decisions.all())
    return sessions


def meeting_decisions_outside_sessions(*, meeting: Meeting) -> QuerySet[MeetingDecision]:
    return meeting.meeting_decisions.filter(session__isnull=True).select_related("mandate__person")


def meeting_participants(*, meeting: Meeting) -> QuerySet[Registration]:
    return meeting.registrations.select_related("person").order_by("attendance", "name")


def meeting_minutes(*, meeting: Meeting) -> QuerySet[Minutes]:
    return meeting.minutes.select_related("uploaded_by").order_by("-version")


def minutes_get_visible(*, user, pk: int) -> Minutes:
    minutes = Minutes.objects.filter(pk=pk, meeting__in=meeting_list_visible(user=user)).first()
    if minutes is None:
        raise Http404("No such minutes.")
    return minutes


def presentation_get_visible(*, user, pk: int) -> Presentation:
    presentation = (
        Presentation.objects.filter(pk=pk, session__meeting__in=meeting_list_visible(user=user))
        .select_related("session__meeting")
        .first()
    )
    if presentation is None:
        raise Http404("No such presentation.")
    if presentation.session.audience == Audience.PARTNERS and not sees_partners_only(user):
        raise Http404("No such presentation.")
    return presentation


# Minutes overdue -------------------------------------------------------------------------------


def emeetings_minutes_overdue(*, on: dt.date | None = None) -> QuerySet[Meeting]:
    """E-meetings held more than U4SSC_MINUTES_DUE_DAYS days ago with no minutes (all of them)."""
    on = on or timezone.localdate()
    cutoff = on - dt.timedelta(days=settings.U4SSC_MINUTES_DUE_DAYS)
    cutoff_at = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
    held_long_ago = Q(held_on__isnull=False, held_on__lt=cutoff) | Q(
        held_on__isnull=True, starts_at__lt=cutoff_at
    )
    return (
        Meeting.objects.filter(held_long_ago, kind=Meeting.Kind.E_MEETING)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(~Exists(Minutes.objects.filter(meeting=OuterRef("pk"))))
        .select_related("thematic_group", "deliverable", "deliverable__thematic_group", "scheduled_by")
        .order_by("starts_at")
    )


def minutes_overdue_for(*, user, on: dt.date | None = None) -> QuerySet[Meeting] | None:
    """Overdue minutes the person answers for: all for the Secretariat, their groups' for a
    Leader, the quarterly ones for the IP Leader; None when the page is not for them."""
    principal = principal_for(user)
    if principal.can("minutes.upload") and principal.visibility("minutes.upload").everything:
        return emeetings_minutes_overdue(on=on)
    groups, quarterly = principal.leader_group_ids, principal.can("minutes.upload_ip")
    if not groups and not quarterly:
        return None  # asked before the query is built: most people's My roles (issue 17)
    scope = Q(pk__in=[])
    if groups:
        scope |= Q(is_ip_quarterly=False) & (
            Q(thematic_group_id__in=groups) | Q(deliverable__thematic_group_id__in=groups)
        )
    if quarterly:
        scope |= Q(is_ip_quarterly=True)
    return emeetings_minutes_overdue(on=on).filter(scope)


# Calendars --------------------------------------------------------------------------------------


def calendar_public() -> QuerySet[Meeting]:
    """Every annual meeting whose programme is published and that is open to all."""
    return (
        Meeting.objects.filter(
            kind=Meeting.Kind.ANNUAL, agenda_status=Meeting.AgendaStatus.PUBLISHED, audience=Audience.OPEN
        )
        .prefetch_related("organisers")
        .order_by("starts_at")
    )


def calendar_personal(*, person, since: dt.datetime | None = None) -> QuerySet[Meeting]:
    """The e-meetings a person is invited to: their groups' and deliverables' e-meetings, and
    the IP Leader's quarterly e-meetings for the IP Leader and the Secretariat."""
    principal = principal_for(person)
    groups = principal.leader_group_ids | principal.member_group_ids
    invited = Q(pk__in=[])
    if groups:
        invited |= Q(thematic_group_id__in=groups) | Q(deliverable__thematic_group_id__in=groups)
    if principal.team_deliverable_ids:
        invited |= Q(deliverable_id__in=principal.team_deliverable_ids)
    invited = Q(is_ip_quarterly=False) & invited
    if principal.ip_leader or principal.secretariat:
        invited |= Q(is_ip_quarterly=True)
    since = since or timezone.now() - dt.timedelta(days=365)
    return (
        Meeting.objects.filter(invited, kind=Meeting.Kind.E_MEETING, starts_at__gte=since)
        .select_related("thematic_group", "deliverable", "deliverable__thematic_group")
        .order_by("starts_at")
    )


# What a person may schedule e-meetings for ------------------------------------------------------


def emeeting_scopes_for(*, user) -> list[tuple[str, str]]:
    """Choices for the e-meeting form: the groups (and their deliverables) the person may
    schedule for, and the IP quarterly meeting, as (value, label)."""
    from thematic_groups.models import Deliverable, ThematicGroup

    principal = principal_for(user)
    choices: list[tuple[str, str]] = []
    if principal.can("emeeting.schedule"):
        groups = ThematicGroup.objects.filter(status=ThematicGroup.Status.ACTIVE)
        if not principal.visibility("emeeting.schedule").everything:
            groups = groups.filter(pk__in=principal.leader_group_ids)
        groups = list(groups.order_by("title"))
        deliverables = (
            Deliverable.objects.filter(thematic_group__in=groups)
            .exclude(status__in=[Deliverable.Status.PUBLISHED, Deliverable.Status.WITHDRAWN])
            .order_by("title")
        )
        by_group: dict[int, list] = {}
        for d in deliverables:
            by_group.setdefault(d.thematic_group_id, []).append(d)
        for group in groups:
            choices.append(
                (f"group:{group.pk}", gettext("Thematic Group: %(group)s") % {"group": group.title})
            )
            for d in by_group.get(group.pk, []):
                choices.append(
                    (
                        f"deliverable:{d.pk}",
                        gettext("Deliverable: %(deliverable)s (%(group)s)")
                        % {"deliverable": d.title, "group": group.title},
                    )
                )
    if principal.can("emeeting.schedule_ip"):
        choices.append(("ip", gettext("IP Leader's quarterly e-meeting with the Secretariat")))
    return choices

"""Registers with deadlines, for the reminder tests. Decisions, ballots and meetings are
written with the ORM where their own services are not built yet (other issues)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from governance.models import Ballot, Decision, Hub, ToRVersion
from meetings.models import Meeting, Minutes
from thematic_groups.models import Workplan


def open_decision(question="Adopt the revised ToR?", *, deadline=None, **extra) -> Decision:
    now = timezone.now()
    return Decision.objects.create(
        question=question,
        status=Decision.Status.OPEN,
        opens_at=now - dt.timedelta(days=1),
        deadline=deadline or now + dt.timedelta(days=3),
        **extra,
    )


def cast_ballot(decision: Decision, partner, person, choice=Ballot.Choice.YES) -> Ballot:
    return Ballot.objects.create(
        decision=decision,
        partner=partner,
        choice=choice,
        cast_by=person,
        receipt_code=Ballot.new_receipt_code(),
    )


def tor_in_comment(*, deadline=None, number=2) -> ToRVersion:
    return ToRVersion.objects.create(
        number=number,
        status=ToRVersion.Status.COMMENT_PERIOD,
        comment_deadline=deadline or timezone.now() + dt.timedelta(days=3),
    )


def workplan_compiling(*, deadline=None) -> Workplan:
    return Workplan.objects.create(
        title="U4SSC workplan",
        period="2026-2027",
        status=Workplan.Status.COMPILING,
        inputs_deadline=deadline or timezone.now() + dt.timedelta(days=3),
    )


def e_meeting(group, *, days_ago: int, slug="e-meeting", **extra) -> Meeting:
    starts = timezone.now() - dt.timedelta(days=days_ago)
    return Meeting.objects.create(
        kind=Meeting.Kind.E_MEETING,
        title=extra.pop("title", "Group e-meeting"),
        slug=slug,
        starts_at=starts,
        status=Meeting.Status.HELD,
        held_on=timezone.localdate(starts),
        thematic_group=group,
        **extra,
    )


def add_minutes(meeting: Meeting, person) -> Minutes:
    return Minutes.objects.create(
        meeting=meeting,
        version=1,
        file=f"minutes/{meeting.pk}/v1/minutes.pdf",
        original_name="minutes.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=person,
    )


def approved_hub(partner, *, last_report: dt.date, contact=None) -> Hub:
    return Hub.objects.create(
        name="Valencia Hub",
        country="Spain",
        partner=partner,
        contact=contact,
        status=Hub.Status.APPROVED,
        approved_on=last_report - dt.timedelta(days=400),
        last_annual_report_on=last_report,
    )

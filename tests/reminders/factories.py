"""Registers with deadlines, for the reminder tests. Decisions and ballots go through the
governance services; ToR versions in comment, workplans, meetings, minutes and Hubs are
written with the ORM (their states are set directly to test each reminder kind)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from governance import services as gov
from governance.models import Ballot, Decision, Hub, ToRVersion
from meetings.models import Meeting, Minutes
from thematic_groups.models import Workplan


def open_decision(question="Adopt the revised ToR?", *, deadline=None) -> Decision:
    """The Secretariat (the cast's `secretariat`) opens a ballot, closing in 3 days by default."""
    by = get_user_model().objects.get(username="secretariat")
    return gov.decision_open(
        by=by,
        kind=Decision.Kind.OTHER,
        question=question,
        deadline=deadline or timezone.now() + dt.timedelta(days=3),
    )


def cast_ballot(decision: Decision, partner, person, choice=Ballot.Choice.YES) -> Ballot:
    return gov.ballot_cast(decision=decision, partner=partner, by=person, choice=choice)


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

"""A whole leap year, day by day, as the beat would run it: every reminder is created once,
on its own day (never before its milestone, never late), including those at quarter ends,
across 29 February and across the year's end.

One set of registers is built on 1 January 2028; the clock then moves (time-machine) to
00:20 and 23:20 of every day until 10 January 2029 (the hourly sweep's first and last runs of
the day in Geneva, which are on different UTC dates in winter: 23:20 is 22:20 UTC, 00:20
is 23:20 UTC the day before), so each day is swept twice and each reminder meets a second
sweep the same day and more the days after. The periodic jobs run as the beat runs them:
Leaders' mandates expire at 00:05, ballots past their deadline close before each sweep.
Things happen on the way: a Partner votes, minutes are uploaded.

The expected days are written out from the default offsets (reminders/conf.py):
deadlines 7 and 1 days before; tenure 90, 30, 7 days before the end and on the day;
the IP Leader's quarterly e-meeting 30 and 7 days before the quarter ends; overdue minutes
on the day after they were due (7 days after the e-meeting) and a week later; a Hub's annual
report on the day and 30 and 60 days later; a ballot's outcome and vacant roles on the day.
"""

import datetime as dt
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from governance import services as gov
from governance.models import Decision, Hub, Mandate, ToRVersion
from meetings.models import Meeting
from reminders import conf
from reminders.models import Kind, Reminder
from reminders.sweep import reminders_sweep
from tests.reminders.conftest import GENEVA
from tests.reminders.factories import (
    add_minutes,
    approved_hub,
    cast_ballot,
    open_decision,
    tor_in_comment,
    workplan_compiling,
)
from thematic_groups.models import Deliverable, Workplan

D = dt.date
FIRST_DAY, LAST_DAY = D(2028, 1, 1), D(2029, 1, 10)
WMO = {"focal_a", "focal_a2"}
OTHER_FOCAL = {"focal_b", "secretariat"}  # UNDP, and ITU's focal point (the Secretariat)
FOCAL = WMO | OTHER_FOCAL


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=GENEVA)


def _days():
    day = FIRST_DAY
    while day <= LAST_DAY:
        yield day
        day += dt.timedelta(days=1)


def _hourly_beat():
    """The periodic jobs of CELERY_BEAT_SCHEDULE at minute 20, in-process: ballots past their
    deadline close (every minute), then the reminder sweep (hourly)."""
    gov.decisions_close_due()
    return reminders_sweep()


@pytest.mark.time_machine(at(FIRST_DAY, 0, 5))
def test_a_year_of_daily_sweeps_creates_each_reminder_once_on_its_day(cast, settings, time_machine):
    assert settings.U4SSC_MINUTES_DUE_DAYS == 7 and conf.catch_up_days() == 7
    assert not getattr(settings, "U4SSC_REMINDER_OFFSETS", None)  # the defaults, as written above

    # The registers, on 1 January 2028.
    ballot = open_decision("Adopt the 2028 workplan?", deadline=at(D(2028, 3, 1), 12))
    workplan = workplan_compiling(deadline=at(D(2028, 1, 8), 9))
    tor = tor_in_comment(deadline=at(D(2028, 12, 31), 18))
    Deliverable.objects.filter(pk=cast.draft_x.pk).update(
        # 00:30 in Geneva is still 29 June in UTC: the days are Geneva's.
        status=Deliverable.Status.FINAL_DRAFT,
        final_review_deadline=at(D(2028, 6, 30), 0, 30),
    )
    Mandate.objects.filter(pk=cast.vice_chair_mandate.pk).update(ends_on=D(2028, 3, 31))
    ip_mandate = Mandate.objects.get(person=cast.ip_leader, role=Mandate.Role.IP_LEADER)
    Mandate.objects.filter(pk=ip_mandate.pk).update(ends_on=D(2029, 1, 1))
    group_meeting = Meeting.objects.create(
        kind=Meeting.Kind.E_MEETING,
        title="City Platforms e-meeting",
        slug="city-platforms-february",
        starts_at=at(D(2028, 2, 28), 15),
        thematic_group=cast.group_x,
    )
    ip_meeting = Meeting.objects.create(  # the only quarterly e-meeting of the year, in Q2
        kind=Meeting.Kind.E_MEETING,
        title="IP Leader quarterly e-meeting",
        slug="ip-quarterly-q2",
        starts_at=at(D(2028, 4, 10), 10),
        is_ip_quarterly=True,
    )
    contact = cast.participant
    overdue_hub = approved_hub(cast.partner_b, last_report=D(2027, 2, 28), contact=contact)
    year_end_hub = Hub.objects.create(
        name="Lisbon Hub",
        country="Portugal",
        partner=cast.partner_b,
        contact=contact,
        status=Hub.Status.APPROVED,
        approved_on=D(2026, 6, 1),
        last_annual_report_on=D(2027, 12, 31),
    )

    events = {
        D(2028, 2, 25): lambda: cast_ballot(ballot, cast.partner_a, cast.focal_a),  # WMO votes
        D(2028, 3, 10): lambda: add_minutes(group_meeting, cast.leader_x),  # after the first reminder
    }

    for day in _days():
        time_machine.move_to(at(day, 0, 5))
        gov.mandates_expire()  # the daily governance sweep
        time_machine.move_to(at(day, 0, 20))
        _hourly_beat()
        if day in events:
            time_machine.move_to(at(day, 12))
            events[day]()
        time_machine.move_to(at(day, 23, 20))
        _hourly_beat()

    # Every reminder was created on its day: not before its milestone, not caught up late.
    rows = list(Reminder.objects.values_list("kind", "subject_type", "subject_id", "recipient__username",
                                             "due_on", "created_at"))  # fmt: skip
    early_or_late = [
        (kind, subject_id, who, due_on, created_at)
        for kind, _, subject_id, who, due_on, created_at in rows
        if timezone.localdate(created_at) != due_on
    ]
    assert early_or_late == []

    # Exactly the expected days, per subject, kind and person.
    found = defaultdict(list)
    for kind, type_id, subject_id, who, due_on, _ in rows:
        found[(kind, ContentType.objects.get_for_id(type_id).model_class(), subject_id, who)].append(due_on)
    expected = defaultdict(list)

    def expect(kind, subject, people, *days):
        for who in people:
            expected[(kind, type(subject), subject.pk, who)].extend(days)

    # The ballot crosses 29 February: 7 days before 1 March is 23 February. WMO voted on the
    # 25th, so its focal points are not reminded the day before the deadline. The beat closes
    # it at the first run after the deadline; every focal point hears the outcome that day.
    expect(Kind.BALLOT, ballot, WMO, D(2028, 2, 23))
    expect(Kind.BALLOT, ballot, OTHER_FOCAL, D(2028, 2, 23), D(2028, 2, 29))
    expect(Kind.BALLOT_CLOSED, ballot, FOCAL, D(2028, 3, 1))
    expect(Kind.WORKPLAN_INPUTS, workplan, FOCAL | {"leader_x", "leader_y", "ip_leader"},
           D(2028, 1, 1), D(2028, 1, 7))  # fmt: skip
    # Final-draft review at the end of Q2.
    expect(Kind.FINAL_REVIEW, cast.draft_x, FOCAL | {"team_x"}, D(2028, 6, 23), D(2028, 6, 29))
    # The ToR comment period ends on the year's last day; the Vice-Chair's mandate ended in March.
    expect(Kind.TOR_COMMENT, tor, FOCAL | {"chair"}, D(2028, 12, 24), D(2028, 12, 30))
    # The Vice-Chair's mandate ends on 31 March (the end of Q1): 90 days before is 1 January.
    vice_chair = Mandate.objects.get(pk=cast.vice_chair_mandate.pk)
    expect(Kind.TENURE, vice_chair, {"vice_chair", "secretariat"},
           D(2028, 1, 1), D(2028, 3, 1), D(2028, 3, 24), D(2028, 3, 31))  # fmt: skip
    expect(Kind.VACANT_ROLES, vice_chair, {"secretariat"}, D(2028, 3, 31))
    # The IP Leader's mandate ends on 1 January 2029, across the year's end.
    expect(Kind.TENURE, ip_mandate, {"ip_leader", "secretariat"},
           D(2028, 10, 3), D(2028, 12, 2), D(2028, 12, 25), D(2029, 1, 1))  # fmt: skip
    expect(Kind.VACANT_ROLES, ip_mandate, {"secretariat"}, D(2029, 1, 1))
    # Quarterly e-meeting: none held in Q1, Q3, Q4 (reminded), one held in Q2 (not reminded).
    expect(Kind.IP_QUARTERLY, ip_mandate, {"ip_leader", "secretariat"},
           D(2028, 3, 1), D(2028, 3, 24), D(2028, 8, 31), D(2028, 9, 23),
           D(2028, 12, 1), D(2028, 12, 24))  # fmt: skip
    # Minutes: the February e-meeting's were due on 6 March (overdue on the 7th), uploaded on
    # the 10th; the Q2 quarterly e-meeting's never came.
    expect(Kind.MINUTES_OVERDUE, group_meeting, {"leader_x", "secretariat"}, D(2028, 3, 7))
    expect(Kind.MINUTES_OVERDUE, ip_meeting, {"ip_leader", "secretariat"}, D(2028, 4, 18), D(2028, 4, 25))
    # Hub reports: a year after 28 February 2027, then 30 and 60 days later; and on 31 December.
    hub_people = {"participant", "focal_b", "secretariat"}
    expect(Kind.HUB_REPORT, overdue_hub, hub_people, D(2028, 2, 28), D(2028, 3, 29), D(2028, 4, 28))
    expect(Kind.HUB_REPORT, year_end_hub, hub_people, D(2028, 12, 31))

    assert {key: sorted(days) for key, days in found.items()} == {
        key: sorted(days) for key, days in expected.items()
    }
    assert Decision.objects.get(pk=ballot.pk).status == Decision.Status.CLOSED
    assert ToRVersion.objects.filter(pk=tor.pk).exists() and Workplan.objects.filter(pk=workplan.pk).exists()

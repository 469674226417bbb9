"""The sweep computes who is reminded of what from the registers, once per key."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import services as gov
from governance.models import Decision, Mandate
from reminders.models import Digest, Kind, Reminder
from reminders.sweep import reminders_sweep
from tests.cast import appoint_leader, make_person
from tests.reminders.conftest import recipients
from tests.reminders.factories import (
    add_minutes,
    approved_hub,
    cast_ballot,
    e_meeting,
    open_decision,
    tor_in_comment,
    workplan_compiling,
)
from thematic_groups.models import Deliverable, TeamMember

FOCAL = {"focal_a", "focal_a2", "focal_b", "secretariat"}  # secretariat is ITU's focal point


def test_ballot_reminder_goes_to_focal_points_of_partners_that_have_not_voted(cast):
    decision = open_decision()
    cast_ballot(decision, cast.partner_a, cast.focal_a)
    reminders_sweep()
    assert recipients(Kind.BALLOT) == {"focal_b", "secretariat"}
    row = Reminder.objects.get(kind=Kind.BALLOT, recipient=cast.focal_b)
    assert row.required and row.subject == decision
    assert row.due_on == timezone.localdate(decision.deadline) - dt.timedelta(days=7)


def test_a_ballot_far_from_its_deadline_is_not_reminded_yet(cast):
    open_decision(deadline=timezone.now() + dt.timedelta(days=20))
    reminders_sweep()
    assert not Reminder.objects.exists()


def test_a_second_sweep_creates_nothing_new(cast):
    open_decision()
    first = reminders_sweep()
    second = reminders_sweep()
    assert first.created == 4 and second.created == 0
    assert Reminder.objects.count() == 4
    assert Digest.objects.count() == 4  # one email per person


def test_ballot_outcome_notice_goes_to_every_focal_point_when_it_closes(cast):
    decision = open_decision()
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.CLOSED, result=Decision.Result.ADOPTED, closed_at=timezone.now()
    )
    reminders_sweep()
    assert recipients(Kind.BALLOT_CLOSED) == FOCAL
    assert not recipients(Kind.BALLOT)


def test_tor_comment_period_reminds_the_management_team_and_the_partners(cast):
    tor_in_comment()
    reminders_sweep()
    assert recipients(Kind.TOR_COMMENT) == FOCAL | {"chair", "vice_chair"}


def test_final_draft_review_reminds_partners_and_the_deliverable_team(cast):
    Deliverable.objects.filter(pk=cast.draft_x.pk).update(
        status=Deliverable.Status.FINAL_DRAFT, final_review_deadline=timezone.now() + dt.timedelta(days=1)
    )
    reminders_sweep()
    assert recipients(Kind.FINAL_REVIEW) == FOCAL | {"team_x"}
    assert TeamMember.objects.filter(deliverable=cast.draft_x, person=cast.team_x).exists()


def test_workplan_inputs_remind_partners_leaders_and_the_ip_leader(cast):
    workplan_compiling()
    reminders_sweep()
    assert recipients(Kind.WORKPLAN_INPUTS) == FOCAL | {"leader_x", "leader_y", "ip_leader"}


def test_a_leader_mandate_ending_reminds_the_holder_the_secretariat_and_the_chair(cast):
    today = timezone.localdate()
    holder = make_person("leader_z")
    mandate = appoint_leader(
        cast.chair, cast.secretariat, holder, cast.group_x, today - dt.timedelta(days=700)
    )
    Mandate.objects.filter(pk=mandate.pk).update(ends_on=today + dt.timedelta(days=30))
    reminders_sweep()
    assert recipients(Kind.TENURE) == {"leader_z", "secretariat", "chair"}
    assert Reminder.objects.filter(kind=Kind.TENURE).first().subject == mandate


def test_a_chair_mandate_ending_reminds_the_holder_and_the_secretariat(cast):
    today = timezone.localdate()
    Mandate.objects.filter(pk=cast.chair_mandate.pk).update(ends_on=today + dt.timedelta(days=7))
    reminders_sweep()
    assert recipients(Kind.TENURE) == {"chair", "secretariat"}


def test_on_the_day_a_mandate_ends_the_secretariat_is_told_of_vacant_roles(cast):
    today = timezone.localdate()
    Mandate.objects.filter(pk=cast.chair_mandate.pk).update(ends_on=today)
    reminders_sweep()
    assert recipients(Kind.VACANT_ROLES) == {"secretariat"}
    assert recipients(Kind.TENURE, due_on=today) == {"chair", "secretariat"}


def test_tenure_reminders_over_a_whole_term_are_exactly_90_30_7_and_0_days_before(cast):
    today = timezone.localdate()
    ends_on = today + dt.timedelta(days=95)
    Mandate.objects.filter(pk=cast.vice_chair_mandate.pk).update(ends_on=ends_on)
    now = timezone.now()
    for day in range(110):  # a sweep every day from 95 days before to 14 days after
        on = today + dt.timedelta(days=day)
        reminders_sweep(on=on, now=now + dt.timedelta(days=day))
    days = sorted(
        Reminder.objects.filter(kind=Kind.TENURE, recipient=cast.vice_chair).values_list("due_on", flat=True)
    )
    assert [(ends_on - d).days for d in days] == [90, 30, 7, 0]


def test_a_renewed_mandate_is_not_reminded(cast):
    today = timezone.localdate()
    Mandate.objects.filter(pk=cast.chair_mandate.pk).update(ends_on=today + dt.timedelta(days=7))
    gov.mandate_renew(
        by=cast.secretariat,
        mandate=Mandate.objects.get(pk=cast.chair_mandate.pk),
        meeting=cast.annual_meeting,
    )
    reminders_sweep()
    assert not recipients(Kind.TENURE)


def test_minutes_overdue_after_an_e_meeting_remind_the_leader_and_the_secretariat(cast, settings):
    settings.U4SSC_MINUTES_DUE_DAYS = 7
    late = e_meeting(cast.group_x, days_ago=8, slug="late")
    on_time = e_meeting(cast.group_x, days_ago=8, slug="on-time")
    add_minutes(on_time, cast.leader_x)
    e_meeting(cast.group_x, days_ago=7, slug="not-yet")
    reminders_sweep()
    assert recipients(Kind.MINUTES_OVERDUE) == {"leader_x", "secretariat"}
    assert {r.subject_id for r in Reminder.objects.filter(kind=Kind.MINUTES_OVERDUE)} == {late.pk}


def test_ip_quarterly_e_meeting_not_held_this_quarter(cast):
    from reminders.milestones import quarter_of

    _, last = quarter_of(timezone.localdate())
    on = last - dt.timedelta(days=7)
    reminders_sweep(on=on)
    assert recipients(Kind.IP_QUARTERLY) == {"ip_leader", "secretariat"}


def test_ip_quarterly_e_meeting_held_this_quarter_is_not_reminded(cast):
    from reminders.milestones import quarter_of

    first, last = quarter_of(timezone.localdate())
    meeting = e_meeting(None, days_ago=0, slug="ip-q", is_ip_quarterly=True)
    meeting.starts_at = timezone.make_aware(dt.datetime.combine(first, dt.time(10)))
    meeting.save(update_fields=["starts_at"])
    reminders_sweep(on=last - dt.timedelta(days=7))
    assert not recipients(Kind.IP_QUARTERLY)


def test_hub_annual_report_due_a_year_after_the_last(cast):
    today = timezone.localdate()
    contact = make_person("hub_contact")
    approved_hub(
        cast.partner_b, last_report=today.replace(year=today.year - 1) - dt.timedelta(days=3), contact=contact
    )
    reminders_sweep()
    assert recipients(Kind.HUB_REPORT) == {"hub_contact", "focal_b", "secretariat"}


def test_optional_reminders_are_not_created_for_people_who_turned_them_off(cast):
    cast.focal_b.optional_reminders = False
    cast.focal_b.save(update_fields=["optional_reminders"])
    tor_in_comment()
    open_decision()
    reminders_sweep()
    assert "focal_b" not in recipients(Kind.TOR_COMMENT)
    assert "focal_b" in recipients(Kind.BALLOT)  # ToR-required: always


def test_people_without_an_active_email_are_not_reminded(cast):
    cast.focal_b.is_active = False
    cast.focal_b.save(update_fields=["is_active"])
    open_decision()
    reminders_sweep()
    assert "focal_b" not in recipients(Kind.BALLOT)


@pytest.mark.parametrize("rows", [2, 50])
def test_the_sweep_costs_the_same_number_of_queries_for_2_and_50_rows(
    cast, rows, django_assert_max_num_queries
):
    today = timezone.localdate()
    for i in range(rows):
        open_decision(f"Question {i}")
        gov.mandate_appoint(
            by=cast.secretariat,
            meeting=cast.annual_meeting,
            role=Mandate.Role.IP_LEADER,
            person=make_person(f"ip_{i}"),
            starts_on=today - dt.timedelta(days=700),
            ends_on=today + dt.timedelta(days=30 + i % 3),
        )
    # The same bound for 2 and for 50 rows (300 reminder rows): PostgreSQL inserts them in one
    # batch, SQLite (999 parameters a statement) in three. (29 since the KPI cycles' deadlines.)
    with django_assert_max_num_queries(29):
        result = reminders_sweep()
    assert result.created == rows * 4 + rows * 2

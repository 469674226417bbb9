"""Scheduling e-meetings (ToR 20d, Annex I), marking them held, and the overdue-minutes page."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.rulebook import RuleDenied
from meetings import services
from meetings.models import Meeting
from tests.meetings.conftest import held_emeeting, passed_emeeting, pdf_bytes, upload

pytestmark = pytest.mark.django_db
NEW = reverse("meetings:emeeting_create")


def _form(scope, **extra):
    day = timezone.localdate() + dt.timedelta(days=7)
    return {
        "scope": scope,
        "title": "WG1 monthly call",
        "date": day.isoformat(),
        "start_time": "14:30",
        "duration": "90",
        "timezone": "America/New_York",
        "online_link": "https://meet.example.org/wg1",
        "agenda": "1. Progress\n2. Next steps",
        **extra,
    }


def test_leader_schedules_an_e_meeting_for_their_group(client, cast):
    client.force_login(cast.leader_x)
    page = client.get(NEW)
    assert page.status_code == 200
    assert "Schedule e-meeting" in page.content.decode()
    response = client.post(NEW, _form(f"group:{cast.group_x.pk}"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(kind=Meeting.Kind.E_MEETING)
    assert meeting.thematic_group == cast.group_x
    assert meeting.timezone == "America/New_York"
    new_york = meeting.starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    assert (new_york.hour, new_york.minute) == (14, 30)
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(minutes=90)
    assert response["Location"] == meeting.get_absolute_url()
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_leader_schedules_for_a_deliverable_of_their_group(client, cast):
    client.force_login(cast.leader_x)
    response = client.post(NEW, _form(f"deliverable:{cast.draft_x.pk}"))
    assert response.status_code == 302
    assert Meeting.objects.get(kind=Meeting.Kind.E_MEETING).deliverable == cast.draft_x


@pytest.mark.parametrize("scope", ["group_y", "draft_y", "ip"])
def test_leader_cannot_schedule_for_another_group_or_the_ip_meeting(client, cast, scope):
    client.force_login(cast.leader_x)
    value = {"group_y": f"group:{cast.group_y.pk}", "draft_y": f"deliverable:{cast.draft_y.pk}", "ip": "ip"}[
        scope
    ]
    response = client.post(NEW, _form(value))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


def test_service_refuses_a_leader_scheduling_for_another_group(cast):
    with pytest.raises(RuleDenied):
        services.emeeting_schedule(
            by=cast.leader_x, title="x", thematic_group=cast.group_y, starts_at=timezone.now()
        )
    with pytest.raises(RuleDenied):
        services.emeeting_schedule(
            by=cast.leader_x, title="x", deliverable=cast.draft_y, starts_at=timezone.now()
        )
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


@pytest.mark.parametrize("who", ["participant", "member_x", "focal_a"])
def test_people_who_do_not_schedule_get_404(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, _form(f"group:{cast.group_x.pk}")).status_code == 404
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


def test_anonymous_is_sent_to_sign_in(client, cast):
    response = client.get(NEW)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_ip_leader_schedules_the_quarterly_e_meeting(client, cast):
    client.force_login(cast.ip_leader)
    response = client.post(NEW, _form("ip", title="Q3 2026 IP meeting"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(kind=Meeting.Kind.E_MEETING)
    assert meeting.is_ip_quarterly and meeting.thematic_group is None
    # the Secretariat and Partners see it; a Leader does not
    client.force_login(cast.leader_x)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    client.force_login(cast.secretariat)
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_secretariat_schedules_for_any_group(client, cast):
    client.force_login(cast.secretariat)
    assert client.post(NEW, _form(f"group:{cast.group_y.pk}")).status_code == 302


def test_bad_link_is_refused_clearly(client, cast):
    client.force_login(cast.leader_x)
    response = client.post(NEW, _form(f"group:{cast.group_x.pk}", online_link="javascript:alert(1)"))
    assert response.status_code == 400
    assert "Enter a valid URL" in response.content.decode()
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


def test_leader_marks_their_e_meeting_held_and_not_another_groups(client, cast):
    mine = passed_emeeting(cast.leader_x, days_ago=1, title="x", thematic_group=cast.group_x)
    theirs = passed_emeeting(cast.leader_y, days_ago=1, title="y", thematic_group=cast.group_y)
    client.force_login(cast.leader_x)
    today = timezone.localdate().isoformat()
    client.post(reverse("meetings:emeeting_held", args=[mine.slug]), {"held_on": today})
    mine.refresh_from_db()
    assert mine.status == Meeting.Status.HELD and mine.held_on == timezone.localdate()
    response = client.post(reverse("meetings:emeeting_held", args=[theirs.slug]), {"held_on": today})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Meeting.Status.SCHEDULED


def test_member_who_sees_the_e_meeting_cannot_mark_it_held(client, cast):
    meeting = passed_emeeting(cast.leader_x, days_ago=1, title="x", thematic_group=cast.group_x)
    client.force_login(cast.member_x)
    response = client.post(
        reverse("meetings:emeeting_held", args=[meeting.slug]),
        {"held_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "A Leader schedules e-meetings" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_an_e_meeting_cannot_be_held_in_the_future(cast):
    meeting = services.emeeting_schedule(
        by=cast.leader_x,
        title="x",
        thematic_group=cast.group_x,
        starts_at=timezone.now() + dt.timedelta(days=1),
    )
    from kernel.lifecycle import DomainError

    with pytest.raises(DomainError):
        services.emeeting_mark_held(
            by=cast.leader_x, meeting=meeting, held_on=timezone.localdate() + dt.timedelta(1)
        )


def test_leader_cancels_their_e_meeting(client, cast):
    meeting = services.emeeting_schedule(
        by=cast.leader_x,
        title="x",
        thematic_group=cast.group_x,
        starts_at=timezone.now() + dt.timedelta(days=1),
    )
    client.force_login(cast.leader_x)
    client.post(reverse("meetings:emeeting_cancel", args=[meeting.slug]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


# Minutes overdue --------------------------------------------------------------------------------------

OVERDUE = reverse("meetings:minutes_overdue")


def test_overdue_minutes_list(client, cast):
    overdue_x = held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="Overdue X", days_ago=10)
    held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="Recent X", days_ago=3)
    done = held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="Done X", days_ago=20)
    services.minutes_upload(by=cast.leader_x, meeting=done, file=upload("m.pdf", pdf_bytes()))
    held_emeeting(cast.leader_y, thematic_group=cast.group_y, title="Overdue Y", days_ago=9)
    held_emeeting(cast.ip_leader, is_ip_quarterly=True, title="Overdue IP", days_ago=30)
    # never marked held: the date has passed all the same
    forgotten = passed_emeeting(cast.leader_x, days_ago=15, title="Forgotten X", deliverable=cast.draft_x)
    cancelled = passed_emeeting(cast.leader_x, days_ago=15, title="Cancelled X", thematic_group=cast.group_x)
    services.emeeting_cancel(by=cast.leader_x, meeting=cancelled)

    client.force_login(cast.secretariat)
    content = client.get(OVERDUE).content.decode()
    for title in ("Overdue X", "Overdue Y", "Overdue IP", "Forgotten X"):
        assert title in content
    for title in ("Recent X", "Done X", "Cancelled X"):
        assert title not in content

    client.force_login(cast.leader_x)  # Leaders see their own
    content = client.get(OVERDUE).content.decode()
    assert "Overdue X" in content and "Forgotten X" in content
    assert "Overdue Y" not in content and "Overdue IP" not in content
    assert overdue_x.get_absolute_url() in content and forgotten.get_absolute_url() in content

    client.force_login(cast.ip_leader)
    content = client.get(OVERDUE).content.decode()
    assert "Overdue IP" in content and "Overdue X" not in content


def test_overdue_days_follow_the_setting(client, cast, settings):
    held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="Overdue X", days_ago=4)
    client.force_login(cast.secretariat)
    assert "Overdue X" not in client.get(OVERDUE).content.decode()
    settings.U4SSC_MINUTES_DUE_DAYS = 3
    assert "Overdue X" in client.get(OVERDUE).content.decode()


@pytest.mark.parametrize("who", ["participant", "member_x", "focal_a"])
def test_overdue_page_is_not_for_others(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(OVERDUE).status_code == 404


@pytest.mark.parametrize("count", [2, 50])
def test_overdue_page_queries_are_bounded(client, cast, django_assert_max_num_queries, count):
    for i in range(count):
        passed_emeeting(cast.leader_x, days_ago=10 + i, title=f"Call {i}", deliverable=cast.draft_x)
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(14):
        response = client.get(OVERDUE)
    assert response.status_code == 200
    assert response.content.decode().count('<tr><th scope="row">') == min(count, 20)

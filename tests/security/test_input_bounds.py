"""Input a person can get wrong (issue #19): every date and length typed has a bound and a
clear message, and a refused form changes nothing. Through HTTP, with the role that may act."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from kernel import bounds
from kernel.lifecycle import DomainError
from kernel.reasons import said
from meetings import services as meeting_services
from meetings.models import Meeting
from tests.thematic_groups.conftest import make_annual_meeting
from thematic_groups import services
from thematic_groups.models import DeliverableComment, Workplan, WorkplanInput

pytestmark = pytest.mark.django_db
NEW_EMEETING = reverse("meetings:emeeting_create")


def text(response) -> str:
    return html.unescape(response.content.decode())


def emeeting_form(cast, day: dt.date, **extra) -> dict:
    return {
        "scope": f"group:{cast.group_x.pk}",
        "title": "WG1 call",
        "date": day.isoformat(),
        "start_time": "10:00",
        "duration": "60",
        "timezone": "Europe/Zurich",
        **extra,
    }


# E-meetings ----------------------------------------------------------------------------------


def test_an_e_meeting_dated_in_the_past_is_not_created_as_scheduled(client, cast):
    client.force_login(cast.leader_x)
    response = client.post(NEW_EMEETING, emeeting_form(cast, dt.date(2020, 3, 5)))
    assert response.status_code == 400
    assert "5 March 2020 has passed" in text(response) and "already took place" in text(response)
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


def test_an_e_meeting_that_already_took_place_is_recorded_as_held(client, cast):
    client.force_login(cast.leader_x)
    day = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(NEW_EMEETING, emeeting_form(cast, day, already_held="on"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(kind=Meeting.Kind.E_MEETING)
    assert (meeting.status, meeting.held_on) == (Meeting.Status.HELD, day)
    assert said(meeting.history.first().history_change_reason) == "E-meeting recorded as held"


def test_a_future_e_meeting_cannot_be_recorded_as_held(client, cast):
    client.force_login(cast.leader_x)
    response = client.post(
        NEW_EMEETING, emeeting_form(cast, timezone.localdate() + dt.timedelta(days=2), already_held="on")
    )
    assert response.status_code == 400 and "has not taken place yet" in text(response)
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


def test_an_e_meeting_today_or_later_is_scheduled(client, cast):
    client.force_login(cast.leader_x)
    assert (
        client.post(
            NEW_EMEETING, emeeting_form(cast, timezone.localdate() + dt.timedelta(days=1))
        ).status_code
        == 302
    )
    assert Meeting.objects.get(kind=Meeting.Kind.E_MEETING).status == Meeting.Status.SCHEDULED


@pytest.mark.parametrize("day", [dt.date(1999, 12, 31), dt.date(2202, 1, 1)])
def test_an_implausible_year_gets_the_range_in_the_message(client, cast, day):
    client.force_login(cast.leader_x)
    response = client.post(NEW_EMEETING, emeeting_form(cast, day, already_held="on"))
    assert response.status_code == 400
    assert "is not a plausible date here" in text(response) and "1 January 2000" in text(response)
    assert not Meeting.objects.filter(kind=Meeting.Kind.E_MEETING).exists()


def test_the_service_refuses_a_past_date_without_held(cast):
    with pytest.raises(DomainError, match="has passed"):
        meeting_services.emeeting_schedule(
            by=cast.leader_x,
            title="x",
            thematic_group=cast.group_x,
            starts_at=timezone.now() - dt.timedelta(days=400),
        )


# Lengths ---------------------------------------------------------------------------------------


def test_a_112000_character_comment_is_refused_with_its_length(client, cast):
    client.force_login(cast.focal_a)
    url = reverse("thematic_groups:comment_add", args=[cast.draft_x.slug])
    response = client.post(url, {"kind": DeliverableComment.Kind.SUBSTANTIVE, "text": "x" * 112_000})
    assert response.status_code == 400
    assert "at most 5000 characters (it has 112000)" in text(response)
    assert not DeliverableComment.objects.exists()
    ok = client.post(
        url, {"kind": DeliverableComment.Kind.SUBSTANTIVE, "text": "x" * bounds.COMMENT_MAX_CHARS}
    )
    assert ok.status_code == 302 and DeliverableComment.objects.count() == 1


def test_the_service_bounds_a_comment_that_skips_the_form(cast):
    with pytest.raises(DomainError, match="5,001 characters long; at most 5,000"):
        services.comment_add(
            by=cast.focal_a,
            deliverable=cast.draft_x,
            kind=DeliverableComment.Kind.SUBSTANTIVE,
            text="y" * 5001,
        )
    assert not DeliverableComment.objects.exists()


def test_a_too_long_workplan_input_is_refused(client, cast):
    workplan = services.workplan_create(by=cast.secretariat, title="Plan", period="2026")
    client.force_login(cast.focal_a)
    url = reverse("thematic_groups:workplan_action", args=[workplan.pk, "input"])
    response = client.post(url, {"text": "z" * (bounds.COMMENT_MAX_CHARS + 1)})
    assert response.status_code == 400 and "at most 5000 characters" in text(response)
    assert not WorkplanInput.objects.exists()


def test_a_300_character_title_is_accepted_and_301_refused(client, cast):
    client.force_login(cast.leader_x)
    day = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(NEW_EMEETING, emeeting_form(cast, day, title="T" * 301))
    assert response.status_code == 400 and "at most 300 characters (it has 301)" in text(response)
    response = client.post(NEW_EMEETING, emeeting_form(cast, day, title="T" * 300))
    assert response.status_code == 302


def test_long_titles_wrap_in_the_stylesheet():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    assert "h1, h2, h3, h4, .lead, .card, .message { overflow-wrap: anywhere; }" in css


# Workplan stages -------------------------------------------------------------------------------


@pytest.fixture
def reviewed(cast):
    workplan = services.workplan_create(by=cast.secretariat, title="Plan", period="2026")
    services.workplan_item_add(by=cast.secretariat, workplan=workplan, kind="event", title="Meeting")
    services.workplan_submit_for_review(by=cast.secretariat, workplan=workplan)
    services.workplan_review(by=cast.chair, workplan=workplan, note="Fine")
    return workplan


def _post(client, cast, workplan, action, data):
    client.force_login(cast.secretariat)
    return client.post(reverse("thematic_groups:workplan_action", args=[workplan.pk, action]), data)


def test_a_workplan_cannot_be_presented_at_a_meeting_not_yet_held(client, cast, reviewed):
    future = make_annual_meeting(days_ago=-20, slug="seventh")
    response = _post(client, cast, reviewed, "presented", {"meeting": future.pk})
    assert response.status_code == 400 and "has not taken place yet" in text(response)
    reviewed.refresh_from_db()
    assert reviewed.status == Workplan.Status.MT_REVIEW and reviewed.presented_on is None


def test_a_workplan_cannot_be_presented_before_it_was_compiled(client, cast, reviewed):
    response = _post(client, cast, reviewed, "presented", {"on": "2020-11-25"})
    assert response.status_code == 400
    assert "cannot be presented on 25 November 2020: it was compiled on" in text(response)
    reviewed.refresh_from_db()
    assert reviewed.presented_on is None


def test_a_workplan_cannot_be_presented_in_the_future(client, cast, reviewed):
    response = _post(
        client, cast, reviewed, "presented", {"on": (timezone.localdate() + dt.timedelta(days=5)).isoformat()}
    )
    assert response.status_code == 400 and "cannot be in the future" in text(response)


def test_agreed_before_presented_is_refused_and_after_is_accepted(client, cast, reviewed):
    assert _post(client, cast, reviewed, "presented", {}).status_code == 302
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = _post(
        client, cast, reviewed, "agreed", {"note": "By the Partners", "on": yesterday.isoformat()}
    )
    assert response.status_code == 400 and "cannot be agreed on" in text(response)
    reviewed.refresh_from_db()
    assert reviewed.status == Workplan.Status.PRESENTED and reviewed.agreed_on is None
    today = timezone.localdate().isoformat()
    assert (
        _post(client, cast, reviewed, "agreed", {"note": "By the Partners", "on": today}).status_code == 302
    )
    reviewed.refresh_from_db()
    assert reviewed.status == Workplan.Status.AGREED


def test_a_workplan_item_with_an_implausible_date_is_refused(client, cast):
    workplan = services.workplan_create(by=cast.secretariat, title="Plan", period="2026")
    response = _post(
        client, cast, workplan, "item", {"kind": "event", "title": "Meeting", "starts_on": "0202-05-01"}
    )
    assert response.status_code == 400 and "not a plausible date" in text(response)
    assert not workplan.items.exists()

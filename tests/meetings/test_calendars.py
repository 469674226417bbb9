"""iCalendar feeds: /meetings.ics and the personal feed behind Person.calendar_token (RFC 5545)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from tests.meetings.conftest import held_emeeting, open_meeting

pytestmark = pytest.mark.django_db

REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert b"\r\n" in body  # RFC 5545 lines end in CRLF
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded at 75 octets
    calendar = Calendar.from_ical(body)
    assert calendar.name == "VCALENDAR"
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        for prop in REQUIRED_EVENT:
            assert prop in event, prop
    return calendar


def _summaries(calendar) -> set[str]:
    return {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}


def test_public_calendar_lists_open_published_meetings_with_escaped_text(client, cast, fifth):
    meeting = open_meeting(cast, slug="sixth")
    meeting.title = "Sixth meeting; Geneva, hybrid\nsecond line"
    meeting.save(update_fields=["title"])
    open_meeting(cast, slug="draft", publish=False)
    response = client.get("/meetings.ics")
    calendar = _parse(response)
    assert _summaries(calendar) == {
        "Fifth meeting of the United for Smart Sustainable Cities initiative",
        "Sixth meeting; Geneva, hybrid\nsecond line",
    }
    assert b"Sixth meeting\\; Geneva\\, hybrid\\nsecond line" in response.content
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    fifth_event = next(e for e in calendar.walk("VEVENT") if "Fifth" in str(e["SUMMARY"]))
    assert fifth_event.decoded("DTSTART") == dt.datetime(2020, 10, 9, 8, 0, tzinfo=dt.UTC)


def test_public_calendar_has_no_e_meetings(client, cast, emeeting_x):
    calendar = _parse(client.get("/meetings.ics"))
    assert "City Platforms call" not in _summaries(calendar)


def test_personal_calendar_lists_the_e_meetings_a_person_is_invited_to(client, cast):
    held_emeeting(cast.leader_x, thematic_group=cast.group_x, title="Group X call")
    held_emeeting(cast.leader_x, deliverable=cast.draft_x, title="Draft X call")
    held_emeeting(cast.leader_y, thematic_group=cast.group_y, title="Group Y call")
    held_emeeting(cast.ip_leader, is_ip_quarterly=True, title="IP quarterly")
    cancelled = services.emeeting_schedule(
        by=cast.leader_x,
        title="Cancelled X call",
        thematic_group=cast.group_x,
        starts_at=timezone.now() + dt.timedelta(days=2),
    )
    services.emeeting_cancel(by=cast.leader_x, meeting=cancelled)

    def feed(person):
        return _parse(client.get(reverse("meetings:calendar_personal", args=[person.calendar_token])))

    assert _summaries(feed(cast.leader_x)) == {"Group X call", "Draft X call", "Cancelled X call"}
    assert _summaries(feed(cast.member_x)) == {"Group X call", "Draft X call", "Cancelled X call"}
    assert _summaries(feed(cast.team_x)) == {"Draft X call"}
    assert _summaries(feed(cast.leader_y)) == {"Group Y call"}
    assert _summaries(feed(cast.ip_leader)) == {"IP quarterly"}
    assert _summaries(feed(cast.secretariat)) == {"IP quarterly"}
    assert _summaries(feed(cast.participant)) == set()
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in feed(cast.leader_x).walk("VEVENT")}
    assert statuses["Cancelled X call"] == "CANCELLED" and statuses["Group X call"] == "CONFIRMED"


def test_personal_calendar_carries_the_link_and_is_private(client, cast, emeeting_x):
    response = client.get(reverse("meetings:calendar_personal", args=[cast.leader_x.calendar_token]))
    event = next(iter(_parse(response).walk("VEVENT")))
    assert "https://meet.example.org/u4ssc" in str(event["LOCATION"])
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_calendar_token_is_404(client, cast):
    assert client.get(reverse("meetings:calendar_personal", args=["not-a-token"])).status_code == 404
    cast.leader_x.is_active = False
    cast.leader_x.save(update_fields=["is_active"])
    assert (
        client.get(reverse("meetings:calendar_personal", args=[cast.leader_x.calendar_token])).status_code
        == 404
    )


def test_calendar_links_lead_back_to_the_address_it_was_asked_on(client, cast, emeeting_x):
    """`make run` on another port, or a proxy's host: links follow the request, not a setting."""
    response = client.get(
        reverse("meetings:calendar_personal", args=[cast.leader_x.calendar_token]),
        HTTP_HOST="127.0.0.1:8011",
    )
    event = next(iter(_parse(response).walk("VEVENT")))
    assert str(event["URL"]).startswith("http://127.0.0.1:8011/")

"""The meetings list and detail pages: visibility, the Partners-only session, the agenda lifecycle."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from kernel.reasons import said
from meetings import services
from meetings.models import Meeting
from tests.meetings.conftest import (
    KARI_EIK,
    PAOLA_DEDA,
    SESSION_4_SECRET,
    open_meeting,
)

pytestmark = pytest.mark.django_db


def test_fifth_meeting_programme_is_public_with_moderators(client, fifth):
    response = client.get(fifth.meeting.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fifth meeting of the United for Smart Sustainable Cities initiative" in content
    assert KARI_EIK in content
    assert "Session 2: Update on U4SSC activities" in content
    assert "Ms. Soumaya Ben Dhaou" in content


@pytest.mark.parametrize("who", ["anonymous", "participant", "leader_x", "member_x"])
def test_partners_only_session_content_is_hidden_outside_its_audience(client, cast, fifth, who):
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    content = client.get(fifth.meeting.get_absolute_url()).content.decode()
    assert "This session was open to U4SSC Partners only" in content
    assert "Session 4: U4SSC working methods" in content  # the title and moderator stay
    assert PAOLA_DEDA in content
    assert SESSION_4_SECRET not in content
    assert "Ms. Gulnara Roll" not in content
    assert "Draft Terms of Reference 2020" not in content
    assert "Katrina Naut" not in content


@pytest.mark.parametrize("who", ["focal_a", "secretariat", "chair"])
def test_partners_only_session_content_is_shown_to_its_audience(client, cast, fifth, who):
    client.force_login(getattr(cast, who))
    content = client.get(fifth.meeting.get_absolute_url()).content.decode()
    assert SESSION_4_SECRET in content
    assert "Ms. Gulnara Roll" in content
    assert "Draft Terms of Reference 2020" in content
    assert "Katrina Naut" in content


def test_partners_only_presentation_file_is_404_outside_the_audience(client, cast, fifth):
    presentation = fifth.partners_only.presentations.get()
    url = reverse("meetings:presentation_download", args=[presentation.pk])
    assert client.get(url).status_code == 404
    client.force_login(cast.participant)
    assert client.get(url).status_code == 404
    client.force_login(cast.focal_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_open_presentation_link_redirects_for_everyone(client, fifth):
    presentation = fifth.sessions[3].presentations.get()
    response = client.get(reverse("meetings:presentation_download", args=[presentation.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://www.itu.int/")


def test_unpublished_annual_meeting_is_404_to_the_public_and_listed_for_the_secretariat(client, cast):
    meeting = open_meeting(cast, slug="draft-meeting", publish=False)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert "Meeting draft-meeting" not in client.get("/meetings/").content.decode()
    client.force_login(cast.participant)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:meeting_report", args=[meeting.slug])).status_code == 404
    client.force_login(cast.secretariat)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert "Meeting draft-meeting" in client.get("/meetings/").content.decode()


def test_unpublished_meeting_is_not_in_the_public_calendar(client, cast):
    open_meeting(cast, slug="draft-meeting", publish=False)
    open_meeting(cast, slug="open-meeting")
    body = client.get("/meetings.ics").content.decode()
    assert "Meeting open-meeting" in body
    assert "draft-meeting" not in body


# Agenda lifecycle: draft → agreed (Chair) → published (Secretariat) --------------------------------


def _step(client, meeting, step):
    return client.post(reverse("meetings:meeting_agenda", args=[meeting.slug]), {"step": step}, follow=True)


def test_secretariat_cannot_agree_the_agenda_in_place_of_the_chair(client, cast):
    meeting = open_meeting(cast, slug="m", publish=False)
    client.force_login(cast.secretariat)
    response = _step(client, meeting, "agree")
    assert "The Chair frames the annual-meeting agenda" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT


def test_secretariat_cannot_publish_a_draft_agenda(client, cast):
    meeting = open_meeting(cast, slug="m", publish=False)
    client.force_login(cast.secretariat)
    response = _step(client, meeting, "publish")
    assert "The Chair must agree the agenda" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.DRAFT


def test_chair_agrees_and_secretariat_publishes(client, cast):
    meeting = open_meeting(cast, slug="m", publish=False)
    client.force_login(cast.chair)
    _step(client, meeting, "agree")
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.AGREED
    response = _step(client, meeting, "publish")  # the Chair does not publish
    assert "This needs: Secretariat" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.AGREED
    client.force_login(cast.secretariat)
    _step(client, meeting, "publish")
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.PUBLISHED
    client.logout()
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert said(meeting.history.first().history_change_reason) == "Programme published"


def test_vice_chair_agrees_only_while_acting_for_the_chair(client, cast):
    meeting = open_meeting(cast, slug="m", publish=False)
    client.force_login(cast.vice_chair)
    assert client.get(meeting.get_absolute_url()).status_code == 404  # not yet in the framing audience
    today = timezone.localdate()
    gov.chair_absence_record(by=cast.secretariat, starts_on=today, ends_on=today + dt.timedelta(days=2))
    _step(client, meeting, "agree")
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.AGREED


@pytest.mark.parametrize("who", ["participant", "focal_a", "leader_x"])
def test_others_cannot_move_the_agenda(client, cast, who):
    meeting = open_meeting(cast, slug="m", publish=False)
    services.meeting_agenda_agree(by=cast.chair, meeting=meeting)
    client.force_login(getattr(cast, who))
    response = client.post(reverse("meetings:meeting_agenda", args=[meeting.slug]), {"step": "publish"})
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.agenda_status == Meeting.AgendaStatus.AGREED


# The list: paginated, bounded queries --------------------------------------------------------------


def _many_meetings(cast, count):
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            kind=Meeting.Kind.ANNUAL,
            title=f"Meeting {i}",
            slug=f"meeting-{i}",
            starts_at=now + dt.timedelta(days=(i - count // 2) * 3),
            agenda_status=Meeting.AgendaStatus.PUBLISHED,
        )
        for i in range(count)
    )
    for i in range(count):  # and as many e-meetings of group_x
        services.emeeting_schedule(
            by=cast.leader_x,
            title=f"Call {i}",
            thematic_group=cast.group_x,
            starts_at=now + dt.timedelta(days=i - count // 2),
            held=i < count // 2,  # the past ones already took place
        )


@pytest.mark.parametrize("count", [2, 50])
@pytest.mark.parametrize("who", ["anonymous", "leader_x", "secretariat"])
def test_meeting_list_queries_are_bounded(client, cast, django_assert_max_num_queries, count, who):
    _many_meetings(cast, count)
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    with django_assert_max_num_queries(16):
        response = client.get("/meetings/")
    assert response.status_code == 200
    content = response.content.decode()
    shown = len(response.context["upcoming"].object_list) + len(response.context["past"].object_list)
    assert content.count('class="meeting-item"') == shown
    assert shown >= min(count, 20)
    assert ("E-meeting of City Platforms" in content) is (who != "anonymous")


def test_meeting_list_is_paginated(client, cast):
    _many_meetings(cast, 50)
    response = client.get("/meetings/")
    assert response.context["upcoming"].paginator.num_pages == 2
    assert len(response.context["upcoming"].object_list) == 20
    assert client.get("/meetings/?upcoming=2&past=99").status_code == 200


def test_anonymous_visitor_does_not_see_e_meetings(client, cast, emeeting_x):
    assert "City Platforms call" not in client.get("/meetings/").content.decode()
    assert client.get(emeeting_x.get_absolute_url()).status_code == 404

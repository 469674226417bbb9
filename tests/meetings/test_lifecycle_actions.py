"""What may happen now to an annual meeting's agenda and to a registration (state × rulebook)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kernel.reasons import said
from meetings import services
from meetings.services import AGENDA_LIFECYCLE, REGISTRATION_LIFECYCLE
from tests.meetings.conftest import open_meeting


def names(lifecycle, record, person) -> set[str]:
    return {a.name for a in lifecycle.available(record, person)}


def test_the_chair_agrees_a_draft_agenda_and_the_secretariat_publishes_it(cast):
    meeting = open_meeting(cast, publish=False)
    assert names(AGENDA_LIFECYCLE, meeting, cast.chair) == {"agree"}
    assert names(AGENDA_LIFECYCLE, meeting, cast.secretariat) == set()  # the Chair frames it first
    assert names(AGENDA_LIFECYCLE, meeting, cast.focal_a) == set()

    meeting = services.meeting_agenda_agree(by=cast.chair, meeting=meeting)
    assert names(AGENDA_LIFECYCLE, meeting, cast.secretariat) == {"publish", "return"}
    assert names(AGENDA_LIFECYCLE, meeting, cast.chair) == {"return"}
    assert names(AGENDA_LIFECYCLE, meeting, cast.focal_a) == set()

    meeting = services.meeting_agenda_publish(by=cast.secretariat, meeting=meeting)
    assert names(AGENDA_LIFECYCLE, meeting, cast.secretariat) == set()
    assert said(meeting.history.first().history_change_reason) == "Programme published"


def test_the_agenda_panel_shows_the_buttons_of_the_answer(client, cast):
    meeting = open_meeting(cast, publish=False)
    client.force_login(cast.chair)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agree the agenda" in page and "Publish the programme" not in page
    client.force_login(cast.secretariat)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Agree the agenda" not in page and "Publish the programme" not in page


def test_a_registration_offers_the_secretariat_the_other_outcome(client, cast):
    meeting = open_meeting(cast)
    registration = services.registration_create(
        meeting=meeting, name="Ana Lima", email="ana@example.org", organisation="City of Porto"
    )
    assert names(REGISTRATION_LIFECYCLE, registration, cast.secretariat) == {"confirm", "decline"}
    assert names(REGISTRATION_LIFECYCLE, registration, cast.chair) == set()

    registration = services.registration_confirm(by=cast.secretariat, registration=registration)
    assert names(REGISTRATION_LIFECYCLE, registration, cast.secretariat) == {"decline"}

    client.force_login(cast.secretariat)
    page = client.get(reverse("meetings:participants", args=[meeting.slug])).content.decode()
    assert "Decline<span" in page and "Confirm<span" not in page


def test_an_emeeting_offers_its_leader_held_cancel_and_minutes_and_nothing_once_cancelled(cast):
    from meetings.services import MEETING_LIFECYCLE
    from tests.meetings.conftest import held_emeeting

    meeting = held_emeeting(cast.leader_x, thematic_group=cast.group_x)  # held ten days ago
    assert names(MEETING_LIFECYCLE, meeting, cast.leader_x) == {"upload_minutes"}
    assert names(MEETING_LIFECYCLE, meeting, cast.leader_y) == set()  # another group's Leader

    later = services.emeeting_schedule(
        by=cast.leader_x,
        title="Next one",
        starts_at=timezone.now() + dt.timedelta(days=40),
        thematic_group=cast.group_x,
    )
    # Not marked held before it starts; minutes may be offered (the service refuses them until then).
    assert names(MEETING_LIFECYCLE, later, cast.leader_x) == {"cancel", "upload_minutes"}
    assert names(MEETING_LIFECYCLE, later, cast.ip_leader) == set()
    later = services.emeeting_cancel(by=cast.leader_x, meeting=later)
    assert names(MEETING_LIFECYCLE, later, cast.leader_x) == set()
    assert said(later.history.first().history_change_reason) == "E-meeting cancelled"

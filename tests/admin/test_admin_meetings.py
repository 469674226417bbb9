"""Meetings in the admin: agenda and statuses move through meetings.services; a decision
recorded in the admin goes through `meeting_decision_record`, so an appointment makes a mandate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from governance.models import Mandate
from governance.rulebook import can
from kernel.reasons import said
from meetings import services
from meetings.models import Meeting, MeetingDecision, Registration
from tests.admin.conftest import admin_url, change_form_data, messages_of, post_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual(cast) -> Meeting:
    return services.meeting_create(
        by=cast.secretariat,
        title="Seventh U4SSC meeting",
        slug="seventh-meeting",
        starts_at=timezone.now() + dt.timedelta(days=30),
        ordinal=7,
    )


def test_the_programme_is_published_by_the_action_once_the_chair_agreed(client, cast, annual):
    client.force_login(cast.secretariat)
    response = post_action(client, Meeting, "publish_programme", [annual.pk])
    assert messages_of(response) == [
        (
            "error",
            "Seventh U4SSC meeting: The Chair must agree the agenda before the Secretariat publishes it (ToR 16a).",
        )
    ]
    annual.refresh_from_db()
    assert annual.agenda_status == Meeting.AgendaStatus.DRAFT

    services.meeting_agenda_agree(by=cast.chair, meeting=annual)
    response = post_action(client, Meeting, "publish_programme", [annual.pk])
    assert ("success", "1 programmes published.") in messages_of(response)
    annual.refresh_from_db()
    assert annual.agenda_status == Meeting.AgendaStatus.PUBLISHED
    assert said(annual.history.first().history_change_reason) == "Programme published"


def test_the_agenda_and_meeting_status_cannot_be_edited_in_the_change_form(client, cast, annual):
    client.force_login(cast.secretariat)
    url = admin_url(Meeting, "change", annual.pk)
    data = change_form_data(client, url, agenda_status="published", status="held", place="Geneva")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    annual.refresh_from_db()
    assert annual.place == "Geneva"
    assert (annual.agenda_status, annual.status) == (Meeting.AgendaStatus.DRAFT, Meeting.Status.SCHEDULED)


def test_an_election_recorded_in_the_admin_creates_the_mandate(client, cast, annual):
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(MeetingDecision, "add"),
        {
            "meeting": annual.pk,
            "kind": "appointment",
            "text": "The meeting appointed a Vice-Chair.",
            "person": cast.participant.pk,
            "role": "vice_chair",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = MeetingDecision.objects.get(meeting=annual)
    mandate = decision.mandate
    assert (mandate.person, mandate.role) == (cast.participant, Mandate.Role.VICE_CHAIR)
    assert mandate.meeting == annual and mandate.decided_by == Mandate.DecidedBy.ANNUAL_MEETING
    assert decision.recorded_by == cast.secretariat
    assert said(decision.history.first().history_change_reason) == "Decision recorded: Appointment agreed"
    person = type(cast.participant).objects.get(pk=cast.participant.pk)
    assert can(person, "workplan.review")


def test_a_leader_appointment_typed_on_a_meeting_in_the_admin_is_refused(client, cast, annual):
    """Issue 16: a meeting's record was a side door to a Leader's mandate; the Chair appoints (ToR 19)."""
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(MeetingDecision, "add"),
        {
            "meeting": annual.pk,
            "kind": "appointment",
            "text": "The meeting appointed a Leader of the City Platforms group.",
            "person": cast.participant.pk,
            "role": "leader",
            "thematic_group": cast.group_x.pk,
        },
    )
    assert response.status_code in (200, 302)
    assert not MeetingDecision.objects.filter(meeting=annual).exists()
    assert not Mandate.objects.filter(person=cast.participant).exists()


def test_an_appointment_without_a_person_is_refused_and_nothing_is_recorded(client, cast, annual):
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(MeetingDecision, "add"),
        {"meeting": annual.pk, "kind": "appointment", "text": "Someone was appointed.", "role": "chair"},
        follow=True,
    )
    assert ("error", "Choose the person appointed.") in messages_of(response)
    assert not MeetingDecision.objects.exists()


def test_registrations_are_confirmed_and_declined_by_the_actions(client, cast, annual):
    services.meeting_agenda_agree(by=cast.chair, meeting=annual)
    services.meeting_agenda_publish(by=cast.secretariat, meeting=annual)
    one = services.registration_create(
        meeting=annual, name="Ana", email="ana@example.org", organisation="City of Porto"
    )
    two = services.registration_create(
        meeting=annual, name="Ben", email="ben@example.org", organisation="City of Oslo"
    )
    client.force_login(cast.secretariat)
    post_action(client, Registration, "confirm", [one.pk])
    response = post_action(client, Registration, "decline", [two.pk])
    assert ("success", "1 registrations declined.") in messages_of(response)
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (Registration.Status.CONFIRMED, Registration.Status.DECLINED)
    assert said(one.history.first().history_change_reason) == "Confirmed by the Secretariat"
    response = post_action(client, Registration, "confirm", [one.pk])
    assert messages_of(response) == [
        ("error", f"{one}: A registration cannot go from “Confirmed” to “Confirmed”.")
    ]


def test_a_participant_added_in_the_admin_is_recorded_confirmed(client, cast, annual):
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(Registration, "add"),
        {
            "meeting": annual.pk,
            "name": "Cleo",
            "email": "Cleo@Example.org",
            "organisation": "UN-Habitat",
            "attendance": "online",
            "status": "declined",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    registration = Registration.objects.get(meeting=annual)
    assert registration.status == Registration.Status.CONFIRMED and registration.email == "cleo@example.org"
    assert (
        said(registration.history.first().history_change_reason) == "Participant recorded by the Secretariat"
    )


def _add_meeting(client, **fields):
    start = timezone.localtime(timezone.now() + dt.timedelta(days=60))
    values = {
        "kind": "annual",
        "title_en": "Eighth U4SSC meeting",
        "slug": "eighth-meeting",
        "starts_at_0": start.date().isoformat(),
        "starts_at_1": "09:30:00",
        "audience": "open",
        **fields,
    }
    data = change_form_data(client, admin_url(Meeting, "add"), **values)
    return client.post(admin_url(Meeting, "add"), data)


def test_an_annual_meeting_added_in_the_admin_records_who_scheduled_it(client, cast):
    client.force_login(cast.secretariat)
    response = _add_meeting(client)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(slug="eighth-meeting")
    assert meeting.scheduled_by == cast.secretariat
    assert (meeting.status, meeting.agenda_status) == (Meeting.Status.SCHEDULED, Meeting.AgendaStatus.DRAFT)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"audience": "partners"}, "The annual meeting is open to all interested participants (ToR 8)."),
        ({"slug": "calendar"}, "“calendar” is reserved for a portal page; choose another web address."),
        (
            {"kind": "e_meeting"},
            "An e-meeting is for one Thematic Group, one deliverable, or the IP quarterly",
        ),
        ({"ends_at_0": "2020-01-01", "ends_at_1": "10:00:00"}, "A meeting must end after it starts."),
    ],
)
def test_a_meeting_of_the_wrong_shape_is_refused_in_the_admin_and_nothing_is_saved(
    client, cast, fields, message
):
    client.force_login(cast.secretariat)
    response = _add_meeting(client, **fields)
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not Meeting.objects.filter(title="Eighth U4SSC meeting").exists()


def test_the_secretariat_marks_an_annual_meeting_held_and_not_before_it_starts(client, cast, annual):
    client.force_login(cast.secretariat)
    response = post_action(client, Meeting, "mark_held", [annual.pk])
    assert messages_of(response) == [
        (
            "error",
            "Seventh U4SSC meeting: An annual meeting cannot be held before the date it was scheduled for.",
        )
    ]
    annual.refresh_from_db()
    assert annual.status == Meeting.Status.SCHEDULED

    Meeting.objects.filter(pk=annual.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    response = post_action(client, Meeting, "mark_held", [annual.pk])
    assert ("success", "1 meetings marked as held.") in messages_of(response)
    annual.refresh_from_db()
    assert (annual.status, annual.held_on) == (Meeting.Status.HELD, timezone.localdate())
    assert said(annual.history.first().history_change_reason) == "Annual meeting held"


def test_only_the_secretariat_marks_an_annual_meeting_held(cast, annual):
    from governance.rulebook import RuleDenied

    Meeting.objects.filter(pk=annual.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    for person in (cast.chair, cast.focal_a, cast.leader_x):
        with pytest.raises(RuleDenied):
            services.meeting_mark_held(by=person, meeting=annual)
    annual.refresh_from_db()
    assert annual.status == Meeting.Status.SCHEDULED

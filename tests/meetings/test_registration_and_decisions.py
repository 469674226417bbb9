"""Registration for open meetings (ToR 8), the participant list (Annex 1) and decisions taken at a meeting."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Mandate
from governance.rulebook import RuleDenied, can
from kernel.lifecycle import DomainError
from meetings import services
from meetings.models import Meeting, MeetingDecision, Registration
from tests.cast import make_person
from tests.meetings.conftest import open_meeting

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Ana Silva",
    "email": "Ana.Silva@example.org",
    "organisation": "City of Lisbon",
    "country": "Portugal",
    "attendance": "onsite",
}


def _register(client, meeting, **extra):
    return client.post(reverse("meetings:meeting_register", args=[meeting.slug]), {**FORM, **extra})


def test_anyone_registers_for_an_open_meeting(client, sixth):
    response = _register(client, sixth)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.email == "ana.silva@example.org"
    assert registration.status == Registration.Status.PENDING
    assert registration.person is None
    assert "you are registered" in client.get(sixth.get_absolute_url()).content.decode()


def test_signed_in_person_is_linked_to_their_registration(client, cast, sixth):
    client.force_login(cast.participant)
    _register(client, sixth, email="participant@example.org")
    assert Registration.objects.get().person == cast.participant


def test_duplicate_registration_is_refused_clearly(client, sixth):
    _register(client, sixth)
    response = _register(client, sixth, email="ANA.SILVA@example.org", name="Ana S.")
    assert response.status_code == 400
    assert "already registered for this meeting" in response.content.decode()
    assert Registration.objects.count() == 1


def test_invalid_registration_changes_nothing(client, sixth):
    response = _register(client, sixth, email="not-an-email", organisation="")
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not Registration.objects.exists()


def test_onsite_registration_for_an_online_meeting_is_refused(client, cast):
    meeting = open_meeting(cast, slug="online-only", format=Meeting.Format.ONLINE)
    response = _register(client, meeting)
    assert "takes place online only" in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_is_closed_for_past_meetings(client, fifth):
    response = _register(client, fifth.meeting)
    assert response.status_code == 400
    assert "Registration for this meeting is closed" in response.content.decode()
    assert fifth.meeting.registrations.count() == len(fifth.registrations)


def test_registration_for_an_unpublished_meeting_is_404(client, cast):
    meeting = open_meeting(cast, slug="draft", publish=False)
    assert _register(client, meeting).status_code == 404
    with pytest.raises(DomainError):
        services.registration_create(meeting=meeting, **{**FORM, "email": "a@example.org"})
    assert not Registration.objects.exists()


def test_secretariat_confirms_a_registration_and_others_cannot(client, cast, sixth):
    _register(client, sixth)
    registration = Registration.objects.get()
    url = reverse("meetings:registration_decide", args=[sixth.slug, registration.pk])
    client.force_login(cast.chair)
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    client.force_login(cast.secretariat)
    client.post(url, {"decision": "confirm"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    with pytest.raises(RuleDenied):
        services.registration_decline(by=cast.focal_a, registration=registration)


def test_participant_list_csv_for_the_secretariat_only(client, cast, sixth):
    _register(client, sixth)
    _register(client, sixth, name='=HYPERLINK("http://evil")', email="b@example.org", attendance="online")
    url = reverse("meetings:participants_csv", args=[sixth.slug])
    for who in ("participant", "focal_a", "chair", "leader_x"):
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == 404
        assert client.get(reverse("meetings:participants", args=[sixth.slug])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(cast.secretariat)
    assert client.get(reverse("meetings:participants", args=[sixth.slug])).status_code == 200
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Name", "Organisation", "Country", "Email", "Attendance"]
    names = {row[0] for row in rows[1:]}
    assert "Ana Silva" in names
    assert '\'=HYPERLINK("http://evil")' in names  # spreadsheet formulas are neutralised


def test_participants_page_queries_are_bounded(client, cast, sixth, django_assert_max_num_queries):
    for count in (2, 50):
        sixth.registrations.all().delete()
        for i in range(count):
            services.registration_create(
                meeting=sixth, name=f"P{i}", email=f"p{i}@example.org", organisation="X"
            )
        client.force_login(cast.secretariat)
        with django_assert_max_num_queries(14):
            assert client.get(reverse("meetings:participants", args=[sixth.slug])).status_code == 200


# Decisions taken at a meeting ------------------------------------------------------------------------


def test_fifth_meeting_appointments_created_the_vice_chair_mandates(fifth):
    mandates = Mandate.objects.filter(meeting=fifth.meeting)
    assert mandates.count() == 3
    assert set(mandates.values_list("role", flat=True)) == {Mandate.Role.VICE_CHAIR}
    assert set(mandates.values_list("decided_by", flat=True)) == {Mandate.DecidedBy.ANNUAL_MEETING}
    assert all(d.mandate_id for d in fifth.decisions[:3])


def test_a_leader_appointment_at_a_meeting_is_refused_the_chair_appoints_leaders(client, cast, sixth):
    """ToR 19: Leaders come from the Chair's proposal and the Secretariat's concurrence, not from a
    meeting's record (a side door of issue 16, now closed)."""
    person = make_person("new_leader")
    client.force_login(cast.secretariat)
    url = reverse("meetings:decision_create", args=[sixth.slug])
    response = client.post(
        url,
        {
            "kind": "appointment",
            "text": "The meeting agreed the appointment of the new Leader of the U4SSC Index group.",
            "person": person.pk,
            "role": "leader",
            "thematic_group": cast.group_y.pk,
        },
    )
    assert response.status_code == 200
    assert not MeetingDecision.objects.exists()
    assert not Mandate.objects.filter(person=person).exists()


def test_ip_leader_elected_creates_the_ip_leader_mandate(cast, sixth):
    person = make_person("new_ip")
    decision = services.meeting_decision_record(
        by=cast.secretariat,
        meeting=sixth,
        kind=MeetingDecision.Kind.IP_LEADER_ELECTED,
        text="The meeting elected the IP Leader.",
        person=person,
        starts_on=timezone.localdate(sixth.starts_at),
    )
    assert decision.mandate.role == Mandate.Role.IP_LEADER
    assert can(person, "emeeting.schedule_ip", on=timezone.localdate(sixth.starts_at))


def test_appointment_without_a_role_is_refused_and_creates_nothing(client, cast, sixth):
    client.force_login(cast.secretariat)
    response = client.post(
        reverse("meetings:decision_create", args=[sixth.slug]),
        {"kind": "appointment", "text": "Appointed", "person": cast.participant.pk, "role": ""},
    )
    assert "Choose the role elected" in response.content.decode()
    assert not MeetingDecision.objects.exists()
    assert not Mandate.objects.filter(person=cast.participant).exists()


def test_workplan_agreed_is_recorded(cast, sixth):
    from thematic_groups.models import Workplan

    workplan = Workplan.objects.create(title="Work plan 2026-2027", period="2026-2027")
    decision = services.meeting_decision_record(
        by=cast.secretariat,
        meeting=sixth,
        kind=MeetingDecision.Kind.WORKPLAN_AGREED,
        text="The work plan was agreed.",
        workplan=workplan,
    )
    assert decision.workplan == workplan


@pytest.mark.parametrize("who", ["chair", "focal_a", "leader_x"])
def test_only_the_secretariat_records_decisions(client, cast, sixth, who):
    client.force_login(getattr(cast, who))
    response = client.post(
        reverse("meetings:decision_create", args=[sixth.slug]), {"kind": "other", "text": "Something"}
    )
    assert response.status_code == 404
    with pytest.raises(RuleDenied):
        services.meeting_decision_record(by=getattr(cast, who), meeting=sixth, kind="other", text="Something")
    assert not MeetingDecision.objects.exists()

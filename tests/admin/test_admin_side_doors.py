"""The admin's side doors of issue 16, each now refused through the HTTP posts a browser makes:
a mandate typed as active, a Partner's leaving typed in a date field, a Hub approved by hand.
Each register change goes through the service the ToR rule requires, with the same history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from governance import services as gov
from governance.models import FocalPoint, Hub, Mandate, Partner
from governance.rulebook import can, forget_principal
from kernel.reasons import said
from tests.admin.conftest import admin_url, change_form_data, messages_of, post_action
from tests.cast import make_person


def elected_on(meeting) -> str:
    """The reason an election at `meeting` is recorded with, in English."""
    from django.utils import timezone
    from django.utils.formats import date_format

    return f"Elected at the meeting of {date_format(timezone.localtime(meeting.starts_at).date(), 'DATE_FORMAT')}"


pytestmark = pytest.mark.django_db


# Mandates ---------------------------------------------------------------------------------------


def test_an_active_leader_typed_in_the_admin_is_refused(client, cast):
    person = make_person("typed_leader")
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(Mandate, "add"),
        {
            "role": "leader",
            "person": person.pk,
            "thematic_group": cast.group_y.pk,
            "status": "active",
            "starts_on": timezone.localdate().isoformat(),
            "decided_by": "chair_secretariat",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice. leader is not one of the available choices." in page
    assert not Mandate.objects.filter(person=person).exists()
    assert not can(person, "deliverable.propose", cast.group_y)


def test_a_vice_chair_typed_without_a_meeting_is_refused(client, cast):
    person = make_person("typed_vc")
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(Mandate, "add"),
        {"role": "vice_chair", "person": person.pk, "status": "active", "decided_by": "electronic"},
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not Mandate.objects.filter(person=person).exists()


def test_the_add_form_records_an_election_at_the_meeting(client, cast):
    person = make_person("elected_vc")
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(Mandate, "add"),
        {"role": "vice_chair", "person": person.pk, "meeting": cast.annual_meeting.pk, "status": "proposed"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mandate = Mandate.objects.get(person=person)
    assert (mandate.status, mandate.meeting, mandate.decided_by) == (
        Mandate.Status.ACTIVE,
        cast.annual_meeting,
        Mandate.DecidedBy.ANNUAL_MEETING,
    )
    assert said(mandate.history.first().history_change_reason) == elected_on(cast.annual_meeting)


def test_the_change_form_cannot_activate_a_proposal_nor_move_its_dates(client, cast):
    proposal = gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    client.force_login(cast.secretariat)
    url = admin_url(Mandate, "change", proposal.pk)
    data = change_form_data(client, url, notes="Checked the CV.", status="active", starts_on="2020-01-01")
    response = client.post(url, data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.PROPOSED and proposal.starts_on == timezone.localdate()
    assert proposal.notes == "Checked the CV."
    assert not can(cast.participant, "deliverable.propose", cast.group_y)


def test_a_mandate_is_never_deleted_in_the_admin(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(admin_url(Mandate, "delete", cast.chair_mandate.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Mandate.objects.filter(pk=cast.chair_mandate.pk).exists()


def test_the_list_shows_one_truthful_state_and_filters_by_it(client, cast):
    old = gov.mandate_record_election(
        by=cast.secretariat,
        meeting=cast.annual_meeting,
        role=Mandate.Role.VICE_CHAIR,
        person=make_person("vc_2020", first_name="Expired", last_name="Vicechair"),
        starts_on=dt.date(2020, 11, 3),
    )
    client.force_login(cast.secretariat)
    page = client.get(admin_url(Mandate, "changelist")).content.decode()
    assert "Active today" not in page  # no second, contradicting column
    expired = client.get(admin_url(Mandate, "changelist") + "?state=expired").content.decode()
    assert "Expired Vicechair" in expired and "Expired</td>" in expired
    assert "Chair Tester" not in expired
    active = client.get(admin_url(Mandate, "changelist") + "?state=active").content.decode()
    assert "Expired Vicechair" not in active and "Chair Tester" in active
    assert old.state() == Mandate.State.EXPIRED


def test_the_secretariat_declines_a_proposal_by_action_with_its_reason(client, cast):
    proposal = gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    client.force_login(cast.secretariat)
    response = post_action(client, Mandate, "decline", [proposal.pk], reason="")
    assert (
        "error",
        f"{proposal}: Say why the Secretariat declines: the Chair and the nominee are told.",
    ) in (messages_of(response))
    response = post_action(
        client, Mandate, "decline", [proposal.pk], reason="Another expert is better placed."
    )
    assert ("success", "1 Leader proposals declined.") in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.DECLINED


def test_concurring_by_action_is_the_secretariats_concurrence(client, cast):
    proposal = gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    client.force_login(cast.secretariat)
    response = post_action(client, Mandate, "concur", [proposal.pk])
    assert ("success", "1 Leader mandates made active.") in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.status == Mandate.Status.ACTIVE and proposal.concurred_by == cast.secretariat


# Partners leave through partner_leave --------------------------------------------------------------


def test_left_on_typed_in_the_partner_form_changes_nothing(client, cast):
    client.force_login(cast.secretariat)
    url = admin_url(Partner, "change", cast.partner_a.pk)
    data = change_form_data(client, url, left_on=timezone.localdate().isoformat(), website="https://wmo.int")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.partner_a.refresh_from_db()
    assert cast.partner_a.left_on is None and cast.partner_a.website == "https://wmo.int"  # the form saved
    assert FocalPoint.objects.filter(partner=cast.partner_a, ended_on__isnull=True).count() == 2
    assert can(cast.focal_a, "decision.vote", cast.partner_a)


def test_record_leaving_ends_the_focal_points_and_keeps_the_reason(client, cast):
    client.force_login(cast.secretariat)
    response = post_action(client, Partner, "record_leaving", [cast.partner_a.pk], left_on="", reason="")
    assert messages_of(response) == [("error", "Give the leaving day (YYYY-MM-DD) beside the action.")]
    assert Partner.objects.get(pk=cast.partner_a.pk).left_on is None

    day = timezone.localdate()
    response = post_action(
        client,
        Partner,
        "record_leaving",
        [cast.partner_a.pk],
        left_on=day.isoformat(),
        reason="Letter of 3 May",
    )
    assert ("success", "1 Partners recorded as having left.") in messages_of(response)
    partner = Partner.objects.get(pk=cast.partner_a.pk)
    assert partner.left_on == day
    assert said(partner.history.first().history_change_reason) == "Partner left U4SSC: Letter of 3 May"
    assert not FocalPoint.objects.filter(partner=partner, ended_on__isnull=True).exists()
    forget_principal(cast.focal_a)
    assert not can(cast.focal_a, "decision.vote", partner)

    response = post_action(client, Partner, "record_leaving", [partner.pk], left_on=day.isoformat())
    assert messages_of(response) == [("warning", "Left as they were: WMO — The Partner has already left.")]


def test_a_future_leaving_day_is_refused(client, cast):
    client.force_login(cast.secretariat)
    later = timezone.localdate() + dt.timedelta(days=3)
    response = post_action(client, Partner, "record_leaving", [cast.partner_b.pk], left_on=later.isoformat())
    assert messages_of(response) == [
        ("error", "UNDP: Record the leaving on or after the day it takes effect, not before.")
    ]
    assert Partner.objects.get(pk=cast.partner_b.pk).left_on is None


# Hubs ---------------------------------------------------------------------------------------------


def test_a_hub_cannot_be_approved_in_its_change_form(client, cast):
    hub = gov.hub_request(
        by=cast.participant, name="Hub of Porto", country="Portugal", partner=cast.partner_a
    )
    client.force_login(cast.secretariat)
    url = admin_url(Hub, "change", hub.pk)
    data = change_form_data(
        client,
        url,
        status="approved",
        approved_on=timezone.localdate().isoformat(),
        partner=str(cast.partner_b.pk),
    )
    assert client.post(url, data).status_code == 302
    hub.refresh_from_db()
    assert (hub.status, hub.approved_on, hub.partner) == (Hub.Status.REQUESTED, None, cast.partner_a)

"""The personal-data page and JSON export, and deletion that keeps governance records intact."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from governance.models import Ballot, FocalPoint
from governance.rulebook import can
from kernel.models import OutboxMessage
from meetings import services as meeting_services
from meetings.models import Registration
from tests.people.conftest import cast_ballot, open_decision, sent_mail, sign_in, signed_in_user_id

Person = get_user_model()
pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    """focal_a and focal_b each cast a ballot and are registered for the annual meeting."""
    decision = open_decision(cast.secretariat)
    mine = cast_ballot(decision, cast.partner_a, cast.focal_a, "yes")
    theirs = cast_ballot(decision, cast.partner_b, cast.focal_b, "no")
    meeting = meeting_services.meeting_create(
        by=cast.secretariat,
        title="Sixth U4SSC annual meeting",
        slug="sixth-annual-meeting",
        starts_at=timezone.now() + dt.timedelta(days=30),
    )
    my_registration = meeting_services.participant_record(
        by=cast.secretariat, meeting=meeting, name="Focal A", email=cast.focal_a.email, organisation="WMO"
    )
    their_registration = meeting_services.participant_record(
        by=cast.secretariat,
        meeting=meeting,
        name="Focal B",
        email=cast.focal_b.email,
        organisation="UNDP",
        person=cast.focal_b,
    )
    return mine, theirs, my_registration, their_registration


def test_the_export_holds_the_persons_roles_ballots_and_registrations_and_nothing_of_anyone_else(
    client, cast, records
):
    mine, theirs, my_registration, their_registration = records
    client.force_login(cast.focal_a)
    response = client.get(reverse("people:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="u4ssc-my-data-')
    data = json.loads(response.content)

    assert data["profile"]["username"] == "focal_a"
    assert [fp["partner_acronym"] for fp in data["focal_points"]] == ["WMO"]
    assert data["focal_points"][0]["current"] is True
    assert [(b["partner"], b["choice"], b["receipt_code"]) for b in data["ballots_cast"]] == [
        ("WMO", "Yes", mine.receipt_code)
    ]
    assert [(r["meeting"], r["email"]) for r in data["meeting_registrations"]] == [
        ("Sixth U4SSC annual meeting", cast.focal_a.email)
    ]
    text = response.content.decode()
    for other in (theirs.receipt_code, cast.focal_b.email, "UNDP", "Focal B", "focal_b"):
        assert other not in text


def test_the_export_of_a_leader_lists_the_mandate(client, cast):
    client.force_login(cast.leader_x)
    data = json.loads(client.get(reverse("people:my_data_download")).content)
    assert [(m["role"], m["thematic_group"], m["current"]) for m in data["mandates"]] == [
        ("Thematic Group Leader", "City Platforms", True)
    ]
    assert data["ballots_cast"] == [] and data["focal_points"] == []


def test_the_data_page_shows_the_same_data(client, cast, records):
    client.force_login(cast.focal_a)
    page = client.get(reverse("people:my_data"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Ballots you cast" in body and records[0].receipt_code in body
    assert "Sixth U4SSC annual meeting" in body
    assert records[1].receipt_code not in body
    assert "Download your data (JSON)" in body


def test_the_data_pages_need_a_signed_in_person(client, db):
    for name in ("people:my_data", "people:my_data_download", "people:delete_account"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_deletion_anonymises_the_person_and_keeps_their_ballot(
    client, cast, records, django_capture_on_commit_callbacks
):
    mine, _, my_registration, their_registration = records
    person = cast.focal_a
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    client.force_login(person)
    assert b"Delete my account" in client.get(reverse("people:delete_account")).content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:delete_account"), {"password": "correct-horse-battery", "confirm": "on"}
        )
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert signed_in_user_id(client) is None

    ballot = Ballot.objects.select_related("cast_by").get(pk=mine.pk)
    assert ballot.cast_by_id == person.pk
    assert str(ballot.cast_by) == "Former participant"
    assert ballot.cast_by.get_full_name() == "Former participant"
    former = Person.objects.get(pk=person.pk)
    assert former.is_former and not former.is_active and not former.has_usable_password()
    assert (former.organisation, former.country, former.expertise) == ("", "", "")
    assert "focal_a" not in former.username and former.email.endswith("@former.invalid")
    assert former.calendar_token != person.calendar_token
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not former.history.filter(email="focal_a@example.org").exists()
    assert not former.history.filter(username="focal_a").exists()
    assert FocalPoint.objects.get(person=person).ended_on == timezone.localdate()
    assert not can(former, "decision.vote", cast.partner_a)
    my_registration.refresh_from_db()
    assert (
        my_registration.name == ""
        and my_registration.shown_name == "Former participant"
        and "focal_a" not in my_registration.email
    )
    assert not Registration.history.filter(email="focal_a@example.org").exists()
    assert not Registration.history.filter(id=my_registration.pk).exclude(name="").exists()
    assert Registration.objects.get(pk=their_registration.pk).name == "Focal B"
    with translation.override("fr"):  # no English stored: the reader's language words the row
        assert my_registration.shown_name == "Ancien participant"
        assert str(my_registration).startswith("Ancien participant")
    to_them = [m for m in sent_mail() if m.to == ["focal_a@example.org"]]
    assert len(to_them) == 1 and "has been deleted" in to_them[0].subject  # the last email, and the only one
    assert (
        not OutboxMessage.objects.filter(to_address__iexact="focal_a@example.org")
        .exclude(kind="account_deleted")
        .exists()
    )  # their address is gone from the outbox, their unsent receipt cancelled

    sign_in(client, "focal_a@example.org", "correct-horse-battery")
    assert signed_in_user_id(client) is None
    # The decision page still shows the vote, attributed to the former participant.
    client.force_login(cast.secretariat)
    page = client.get(mine.decision.get_absolute_url())
    assert page.status_code == 200


def test_deletion_with_a_wrong_password_changes_nothing(client, cast):
    client.force_login(cast.focal_a)
    response = client.post(reverse("people:delete_account"), {"password": "not-my-password", "confirm": "on"})
    assert response.status_code == 200
    assert b"This is not your password." in response.content
    person = Person.objects.get(pk=cast.focal_a.pk)
    assert person.is_active and not person.is_former
    assert can(person, "decision.vote", cast.partner_a)

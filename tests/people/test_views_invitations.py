"""Invitations: from the Secretariat's form to the invitee's first sign-in, and the broken links."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from governance.models import FocalPoint, Mandate
from governance.rulebook import can
from kernel import outbox
from kernel.models import OutboxMessage
from people import services
from people.models import Invitation
from tests.people.conftest import (
    PASSWORD,
    html_body,
    last_mail_to,
    link_in,
    sent_mail,
    sign_in,
    signed_in_user_id,
)

Person = get_user_model()
pytestmark = pytest.mark.django_db

NEW_EMAIL = "amina.diallo@wmo.example"


def invite_focal_point(client, partner, email: str = NEW_EMAIL):
    return client.post(
        reverse("governance:invitation_create"),
        {"email": email, "first_name": "Amina", "last_name": "Diallo", "role": "focal_point",
         "partner": partner.pk, "title": "Programme Officer", "message": "Welcome aboard."},
    )  # fmt: skip


def accept_form(**extra):
    return {
        "first_name": "Amina",
        "last_name": "Diallo",
        "organisation": "World Meteorological Organization",
        "country": "Switzerland",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def test_invitation_from_send_to_first_sign_in_gives_the_vote(client, cast):
    client.force_login(cast.secretariat)
    response = invite_focal_point(client, cast.partner_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:invitation_list")

    message = last_mail_to(NEW_EMAIL)
    assert message.subject == "[U4SSC] You are invited to join U4SSC as focal point of WMO"
    assert "Welcome aboard." in message.body
    link = link_in(message, "/invitations/accept/")
    assert link in html_body(message)
    invitation = Invitation.objects.get()
    assert invitation.token_hash != link.rstrip("/").rsplit("/", 1)[-1]  # only the hash is stored
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=13, hours=23)

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert b"Create account" in page.content
    assert b"focal point of WMO" in page.content

    response = client.post(link, accept_form())
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    person = Person.objects.get(email=NEW_EMAIL)
    assert signed_in_user_id(client) == str(person.pk)
    assert (person.first_name, person.organisation, person.country) == (
        "Amina",
        "World Meteorological Organization",
        "Switzerland",
    )
    assert EmailAddress.objects.get(user=person).verified
    assert can(person, "decision.vote", cast.partner_a)
    assert not can(person, "decision.vote", cast.partner_b)
    focal_point = FocalPoint.objects.get(person=person, partner=cast.partner_a, ended_on__isnull=True)
    assert focal_point.title == "Programme Officer"
    invitation.refresh_from_db()
    assert (invitation.status, invitation.person, invitation.focal_point) == ("accepted", person, focal_point)

    # The next day: sign out and sign in with the email and the chosen password.
    client.post(reverse("account_logout"))
    assert signed_in_user_id(client) is None
    sign_in(client, NEW_EMAIL, PASSWORD)
    assert signed_in_user_id(client) == str(person.pk)
    assert client.get(reverse("people:profile")).status_code == 200


def test_invitation_as_focal_point_lets_the_person_vote_through_the_voting_page(client, cast):
    from tests.people.conftest import open_decision

    gov.invitation_send(by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a)
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    client.post(link, accept_form())
    decision = open_decision(cast.secretariat)
    response = client.post(
        reverse("governance:decision_vote", args=[decision.pk]),
        {f"p{cast.partner_a.pk}-partner": cast.partner_a.pk, f"p{cast.partner_a.pk}-choice": "yes"},
    )
    assert response.status_code == 302
    ballot = decision.ballots.get()
    assert (ballot.partner, ballot.cast_by.email, ballot.choice) == (cast.partner_a, NEW_EMAIL, "yes")


def test_a_used_invitation_link_gets_a_clear_page_and_changes_nothing(client, cast):
    gov.invitation_send(by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a)
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    assert client.post(link, accept_form()).status_code == 302
    client.logout()

    again = client.get(link)
    assert again.status_code == 410
    assert b"already been used" in again.content
    again = client.post(link, accept_form(password1="other-passphrase-99", password2="other-passphrase-99"))
    assert again.status_code == 410
    assert Person.objects.filter(email=NEW_EMAIL).count() == 1
    assert FocalPoint.objects.filter(person__email=NEW_EMAIL).count() == 1


def test_an_expired_invitation_link_gets_a_clear_page_and_creates_no_account(client, cast):
    invitation = gov.invitation_send(
        by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a
    )
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    # Fourteen days later (the clock, not the register, moves):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    page = client.get(link)
    assert page.status_code == 410
    assert b"Invitation expired" in page.content
    assert b"valid for 14 days" in page.content
    assert client.post(link, accept_form()).status_code == 410
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


def test_an_unknown_invitation_link_answers_not_found_with_a_clear_page(client, db):
    page = client.get(reverse("people:invitation_accept", args=["not-a-real-token"]))
    assert page.status_code == 404
    assert b"Invitation not found" in page.content


def test_a_participant_cannot_invite(client, cast):
    client.force_login(cast.focal_a)
    assert client.get(reverse("governance:invitation_create")).status_code == 403
    assert invite_focal_point(client, cast.partner_a).status_code == 403
    assert client.get(reverse("people:invitation_list")).status_code == 403
    assert not Invitation.objects.exists()
    assert sent_mail() == []


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("governance:invitation_create"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_leader_invitation_invites_and_does_not_appoint(client, cast):
    """Issue 16: an invitation alone made someone an active Leader. Now the account is made and
    the Leader is appointed by the Chair with the Secretariat's concurrence (ToR 19)."""
    client.force_login(cast.secretariat)
    today = timezone.localdate()
    response = client.post(
        reverse("governance:invitation_create"),
        {"email": "leader@city.example", "role": "leader", "thematic_group": cast.group_y.pk,
         "starts_on": today.isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    client.logout()
    assert "by the Chair, with the Secretariat's concurrence" in last_mail_to("leader@city.example").body
    link = link_in(last_mail_to("leader@city.example"), "/invitations/accept/")
    assert client.post(link, accept_form()).status_code == 302
    person = Person.objects.get(email="leader@city.example")
    assert not Mandate.objects.filter(person=person).exists()
    assert not can(person, "deliverable.propose", cast.group_y)
    assert Invitation.objects.get(email="leader@city.example").status == Invitation.Status.ACCEPTED


def test_a_chair_invitation_needs_to_say_how_the_board_decided(client, cast):
    client.force_login(cast.secretariat)
    data = {"email": "chair@un.example", "role": "vice_chair", "starts_on": timezone.localdate().isoformat()}
    response = client.post(reverse("governance:invitation_create"), data)
    assert response.status_code == 200
    assert b"Say how the Partners Board decided" in response.content
    assert not Invitation.objects.exists()

    response = client.post(reverse("governance:invitation_create"), {**data, "decided_by": "annual_meeting"})
    assert response.status_code == 302
    client.logout()
    link = link_in(last_mail_to("chair@un.example"), "/invitations/accept/")
    response = client.post(link, accept_form(), follow=True)
    assert b"starts once the Secretariat records your appointment" in response.content
    person = Person.objects.get(email="chair@un.example")
    assert not can(person, "workplan.review")  # invited, not appointed: the Board's decision appoints
    assert not Mandate.objects.filter(person=person).exists()


def test_a_focal_point_invitation_without_partner_is_refused_with_a_message(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(
        reverse("governance:invitation_create"), {"email": NEW_EMAIL, "role": "focal_point"}
    )
    assert response.status_code == 200
    assert b"Choose the Partner the person will represent." in response.content
    assert not Invitation.objects.exists() and sent_mail() == []


def test_a_second_pending_invitation_for_the_same_role_is_refused(client, cast):
    client.force_login(cast.secretariat)
    invite_focal_point(client, cast.partner_a)
    response = invite_focal_point(client, cast.partner_a)
    assert response.status_code == 200
    assert b"already has a pending invitation" in response.content
    assert Invitation.objects.count() == 1


def test_someone_with_an_account_accepts_while_signed_in(client, cast):
    gov.invitation_send(
        by=cast.secretariat, email=cast.participant.email, role="focal_point", partner=cast.partner_b
    )
    link = link_in(last_mail_to(cast.participant.email), "/invitations/accept/")

    page = client.get(link)
    assert b"Sign in to accept" in page.content
    client.post(link, accept_form())  # refused: not signed in as that account
    assert not can(cast.participant, "decision.vote", cast.partner_b)

    client.force_login(cast.participant)
    page = client.get(link)
    assert b"Accept invitation" in page.content
    response = client.post(link)
    assert response.status_code == 302
    participant = Person.objects.get(pk=cast.participant.pk)
    assert can(participant, "decision.vote", cast.partner_b)
    assert Person.objects.filter(email__iexact=cast.participant.email).count() == 1


def test_sending_again_replaces_the_link_and_revoking_closes_it(client, cast):
    invitation = gov.invitation_send(
        by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a
    )
    first = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    client.force_login(cast.secretariat)
    client.post(reverse("people:invitation_resend", args=[invitation.pk]))
    second = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200

    client.post(reverse("people:invitation_revoke", args=[invitation.pk]))
    page = client.get(second)
    assert page.status_code == 410
    assert b"withdrawn" in page.content


def test_a_participant_cannot_revoke_or_resend(client, cast):
    invitation = gov.invitation_send(
        by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a
    )
    client.force_login(cast.focal_a)
    assert client.post(reverse("people:invitation_revoke", args=[invitation.pk])).status_code == 403
    assert client.post(reverse("people:invitation_resend", args=[invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert len(sent_mail()) == 1


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def test_when_the_mail_server_refuses_the_invitation_is_kept_and_sent_once_it_recovers(
    client, cast, settings
):
    """Nothing sends SMTP inside the request: the invitation and its email are saved together;
    the mail server's refusal counts an attempt, and the retry sends the email once."""
    settings.EMAIL_BACKEND = "tests.people.test_views_invitations.RefusingBackend"
    client.force_login(cast.secretariat)
    response = invite_focal_point(client, cast.partner_a)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert sent_mail() == []
    row = OutboxMessage.objects.get(kind="invitation")
    assert (row.status, row.attempts) == ("pending", 1) and "went away" in row.last_error
    assert "token" in row.secret_context and "token" not in str(row.context)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.sweep(now=row.next_attempt_at) == {"sent": 1}
    assert outbox.sweep(now=row.next_attempt_at + dt.timedelta(hours=1)) == {}
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    assert len(sent_mail()) == 1
    row.refresh_from_db()
    assert row.status == "sent" and row.secret_context == {}  # the link is not kept once sent
    client.logout()
    client.post(link, accept_form())
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


def test_a_replaced_or_revoked_invitation_link_is_never_sent(cast):
    invitation = gov.invitation_send(
        by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a
    )
    services.invitation_resend(by=cast.secretariat, invitation=invitation)  # before the first email left
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    assert len(sent_mail()) == 1
    assert list(OutboxMessage.objects.order_by("pk").values_list("status", flat=True)) == [
        "cancelled",
        "sent",
    ]
    services.invitation_resend(by=cast.secretariat, invitation=invitation)
    services.invitation_revoke(by=cast.secretariat, invitation=invitation)
    assert len(sent_mail()) == 1 and link


def test_a_weak_password_is_refused_and_no_account_is_made(client, cast):
    gov.invitation_send(by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a)
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    response = client.post(link, accept_form(password1="12345678", password2="12345678"))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not Person.objects.filter(email=NEW_EMAIL).exists()
    assert Invitation.objects.get().status == "pending"


def test_an_invitation_from_someone_who_left_the_secretariat_cannot_be_used(client, cast):
    from governance import services as gov

    gov.invitation_send(by=cast.secretariat, email=NEW_EMAIL, role="focal_point", partner=cast.partner_a)
    link = link_in(last_mail_to(NEW_EMAIL), "/invitations/accept/")
    gov.focal_point_end(focal_point=cast.secretariat.focal_points.get(), by=cast.secretariat)
    response = client.post(link, accept_form())
    assert response.status_code == 200
    assert b"no longer holds that role" in response.content
    assert not Person.objects.filter(email=NEW_EMAIL).exists()


@pytest.mark.parametrize("rows", [2, 50])
def test_the_invitation_list_costs_the_same_queries_for_2_and_50_rows(
    client, cast, rows, django_assert_max_num_queries
):
    Invitation.objects.bulk_create(
        Invitation(
            email=f"person{n}@example.org",
            role="focal_point",
            partner=cast.partner_a,
            token_hash=f"{n:064d}",
            expires_at=timezone.now() + dt.timedelta(days=14),
            invited_by=cast.secretariat,
        )
        for n in range(rows)
    )
    client.force_login(cast.secretariat)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("people:invitation_list"))
    assert response.status_code == 200
    assert response.content.count(b"Send again") == min(rows, 25)

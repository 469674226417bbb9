"""The Secretariat's admin over people and invitations goes through the same services."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from governance import services as gov
from kernel.reasons import said
from people.models import Invitation
from tests.people.conftest import last_mail_to, link_in

Person = get_user_model()
pytestmark = pytest.mark.django_db


def test_the_secretariat_deactivates_accounts_from_the_admin(client, cast):
    client.force_login(cast.secretariat)
    changelist = reverse("admin:people_person_changelist")
    page = client.get(changelist, {"date_joined__gte": "2000-01-01 00:00:00+00:00"})
    assert page.status_code == 200
    response = client.post(
        changelist,
        {"action": "deactivate_accounts", "_selected_action": [cast.participant.pk, cast.secretariat.pk]},
    )
    assert response.status_code == 302
    assert not Person.objects.get(pk=cast.participant.pk).is_active
    assert Person.objects.get(pk=cast.secretariat.pk).is_active  # not oneself
    record = Person.history.filter(id=cast.participant.pk).first()
    assert said(record.history_change_reason) == "Account deactivated by the Secretariat"


def test_the_secretariat_revokes_and_resends_invitations_from_the_admin(client, cast):
    first = gov.invitation_send(
        by=cast.secretariat, email="a@un.example", role="focal_point", partner=cast.partner_a
    )
    second = gov.invitation_send(
        by=cast.secretariat, email="b@un.example", role="focal_point", partner=cast.partner_b
    )
    old_link = link_in(last_mail_to("b@un.example"), "/invitations/accept/")
    client.force_login(cast.secretariat)
    changelist = reverse("admin:people_invitation_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:people_invitation_change", args=[first.pk])).status_code == 200
    client.post(changelist, {"action": "revoke", "_selected_action": [first.pk]})
    client.post(changelist, {"action": "send_again", "_selected_action": [second.pk]})
    assert Invitation.objects.get(pk=first.pk).status == "revoked"
    assert link_in(last_mail_to("b@un.example"), "/invitations/accept/") != old_link
    assert client.get(old_link).status_code == 404


def test_a_participant_does_not_enter_the_people_admin(client, cast):
    client.force_login(cast.focal_a)
    changelist = reverse("admin:people_person_changelist")
    response = client.post(
        changelist, {"action": "deactivate_accounts", "_selected_action": [cast.participant.pk]}
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Person.objects.get(pk=cast.participant.pk).is_active
    assert client.get(reverse("admin:people_invitation_changelist")).status_code == 302

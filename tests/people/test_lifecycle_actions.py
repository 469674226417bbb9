"""What may happen now to an invitation (state × rulebook), and the list renders that answer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance import services as gov
from kernel.lifecycle import TransitionNotAllowed
from kernel.reasons import said
from people import services
from people.services import INVITATION_LIFECYCLE


def names(invitation, person) -> set[str]:
    return {a.name for a in INVITATION_LIFECYCLE.available(invitation, person)}


def test_a_pending_invitation_can_be_sent_again_or_revoked_by_the_secretariat_only(cast):
    invitation = gov.invitation_send(
        by=cast.secretariat, email="new@example.org", role="focal_point", partner=cast.partner_a
    )
    assert names(invitation, cast.secretariat) == {"resend", "revoke"}
    assert names(invitation, cast.focal_a) == set()
    assert names(invitation, cast.chair) == set()


def test_a_revoked_invitation_offers_nothing_and_refuses_to_be_sent_again(client, cast):
    invitation = gov.invitation_send(
        by=cast.secretariat, email="new@example.org", role="focal_point", partner=cast.partner_a
    )
    invitation = services.invitation_revoke(by=cast.secretariat, invitation=invitation)
    last = invitation.history.first()
    assert (said(last.history_change_reason), last.history_user) == ("Invitation revoked", cast.secretariat)
    assert names(invitation, cast.secretariat) == set()
    with pytest.raises(TransitionNotAllowed, match="This invitation is revoked; it cannot be sent again."):
        services.invitation_resend(by=cast.secretariat, invitation=invitation)

    client.force_login(cast.secretariat)
    page = client.get(reverse("people:invitation_list")).content.decode()
    assert "new@example.org" in page and "Revoke <span" not in page

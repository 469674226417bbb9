"""Invitations to a role, and what a person's leaving ends (issue 16: layers only point down).

The Invitation row, its link, its email and its acceptance are people's (people/services.py); the
role it names is governance's: a Partner's focal point, or a mandate the ToR's bodies give. So
inviting to a role (`invitation_send`) lives here, and governance installs into `people.roles`
(from its AppConfig.ready()) what an accepted invitation gives (`invitation_apply_role`) and
what ends when a person leaves U4SSC (`person_end_roles`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from governance import reasons as why
from governance.models import FocalPoint, Mandate, Partner
from governance.rulebook import can, forget_principal, require
from governance.services.mandates import focal_point_add, focal_point_end, mandate_end
from kernel.lifecycle import DomainError
from people.models import Invitation
from people.services import account_for_email, invitation_new_token, invitation_queue_email


def _check_invitation_role(
    *, role: str, partner: Partner | None, thematic_group, starts_on: dt.date | None, ends_on
) -> None:
    if role not in Invitation.Role.values:
        raise DomainError(_("Choose the role the person is invited to take up."))
    if role == Invitation.Role.FOCAL_POINT:
        if partner is None:
            raise DomainError(_("Choose the Partner the person will represent."))
        if not partner.is_current():
            raise DomainError(
                _("%(partner)s is not a current Partner; it cannot have new focal points.")
                % {"partner": partner}
            )
        return
    if role == Invitation.Role.LEADER and thematic_group is None:
        raise DomainError(_("Choose the Thematic Group the Leader will lead."))
    if starts_on is None:
        raise DomainError(_("Give the first day of the mandate."))
    if ends_on is not None and ends_on <= starts_on:
        raise DomainError(_("A mandate must end after it starts."))


@transaction.atomic
def invitation_send(
    *,
    by,
    email: str,
    role: str,
    partner: Partner | None = None,
    title: str = "",
    thematic_group=None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    decided_by: str = "",
    first_name: str = "",
    last_name: str = "",
    message: str = "",
    site_url: str | None = None,
) -> Invitation:
    """The Secretariat invites a person by email to take up a role (ToR 24, 42)."""
    require(by, "people.invite")
    email = email.strip().lower()
    _check_invitation_role(
        role=role, partner=partner, thematic_group=thematic_group, starts_on=starts_on, ends_on=ends_on
    )
    if role != Invitation.Role.FOCAL_POINT:
        partner = None
        title = ""
    if role != Invitation.Role.LEADER:
        thematic_group = None
    if role == Invitation.Role.FOCAL_POINT:
        starts_on = ends_on = None
        decided_by = ""
    elif role == Invitation.Role.LEADER:
        decided_by = Mandate.DecidedBy.CHAIR_WITH_SECRETARIAT
    elif role == Invitation.Role.IP_LEADER:
        decided_by = Mandate.DecidedBy.ANNUAL_MEETING
    elif decided_by not in (Mandate.DecidedBy.ANNUAL_MEETING, Mandate.DecidedBy.ELECTRONIC):
        raise DomainError(_("Say how the Partners Board decided: at the annual meeting or electronically."))

    existing = account_for_email(email)
    if existing is not None and (existing.is_former or not existing.is_active):
        raise DomainError(
            _("This email belongs to a deactivated account. Reactivate it on the participants page first.")
        )
    if (
        existing is not None
        and partner is not None
        and FocalPoint.objects.filter(partner=partner, person=existing, ended_on__isnull=True).exists()
    ):
        raise DomainError(
            _("%(person)s is already a focal point of %(partner)s.")
            % {"person": existing, "partner": partner}
        )
    duplicate = Invitation.objects.select_for_update().filter(
        email__iexact=email,
        role=role,
        partner=partner,
        thematic_group=thematic_group,
        status=Invitation.Status.PENDING,
        expires_at__gt=timezone.now(),
    )
    if duplicate.exists():
        raise DomainError(
            _(
                "This person already has a pending invitation for this role. Send it again from the list instead."
            )
        )

    invitation = Invitation(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        partner=partner,
        title=title.strip(),
        thematic_group=thematic_group,
        starts_on=starts_on,
        ends_on=ends_on,
        decided_by=decided_by,
        message=message.strip(),
        invited_by=by,
    )
    token = invitation_new_token(invitation)
    invitation.save()
    invitation_queue_email(invitation, token, site_url)
    invitation.save(update_fields=["sent_at"])
    update_change_reason(invitation, why.INVITATION_SENT())
    return invitation


def invitation_apply_role(invitation: Invitation, person) -> None:
    """What an accepted invitation gives (installed as `people.roles.apply_invitation`)."""
    inviter = invitation.invited_by
    forget_principal(inviter)
    if not can(inviter, "people.invite"):
        raise DomainError(
            _(
                "The Secretariat member who invited you no longer holds that role, so this invitation "
                "cannot be used. Ask the Secretariat to invite you again."
            )
        )
    if invitation.role == Invitation.Role.FOCAL_POINT:
        if not invitation.partner.is_current():
            raise DomainError(
                _("%(partner)s is no longer a Partner; the invitation cannot be used.")
                % {"partner": invitation.partner}
            )
        invitation.focal_point = focal_point_add(
            partner=invitation.partner, person=person, title=invitation.title, by=inviter
        )
        return
    # Invitations invite; they do not appoint (ToR 13a, 15, 19, Annex I). A mandate comes only from
    # the body the ToR names: the Chair's proposal and the Secretariat's concurrence for a Leader,
    # the Partners Board's decision or the annual meeting's election (recorded by the Secretariat)
    # for the Chair, the Vice-Chairs and the IP Leader. The account is ready for that appointment.


def person_end_roles(person, *, by, on: dt.date) -> None:
    """End the focal points and mandates of a person who leaves U4SSC (installed as
    `people.roles.end_roles`; people.services.person_anonymise calls it before deleting data)."""
    for focal_point in FocalPoint.objects.filter(person=person, ended_on__isnull=True):
        focal_point_end(focal_point=focal_point, ended_on=max(on, focal_point.started_on), by=by)
    reason = why.MANDATE_ENDED_PERSON_LEFT()
    for mandate in Mandate.objects.filter(
        person=person,
        status__in=[Mandate.Status.PROPOSED, Mandate.Status.ACTIVE],
        ends_on__gt=on,
        ended_on__isnull=True,
    ):
        # A mandate that has not started yet ends on its first day, so it never gives powers.
        mandate_end(by=by, mandate=mandate, ended_on=max(on, mandate.starts_on), reason=reason)

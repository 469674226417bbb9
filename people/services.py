"""Services for people and accounts: invitations, profiles, deactivation, anonymisation, leaving.

Each action is one keyword-only function, atomic, that checks the rulebook, locks what it
reads-then-writes, saves with `update_fields`, records why in the history, and queues its
emails in the outbox (kernel/outbox.py; their context builders in people/emails.py). Roles are applied and removed through the
governance services, so grants and their history stay in one place.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from governance import services as gov
from governance.models import FocalPoint, Mandate, Partner
from governance.rulebook import can, forget_principal, require
from kernel import outbox
from kernel.lifecycle import DomainError, transition
from people.emails import ACCOUNT_DELETED, INVITATION
from people.models import (  # noqa: F401  (the lifecycle lives beside the model)
    INVITATION_LIFECYCLE,
    INVITATION_VALID_DAYS,
    Invitation,
    new_calendar_token,
)
from people.signals import person_anonymised

logger = logging.getLogger(__name__)
Person = get_user_model()

FORMER_NAME = ("Former", "participant")


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason[:100])


class InvitationUnusable(DomainError):
    """The link cannot be used: unknown, expired, already used or revoked."""

    def __init__(self, message: str, *, kind: str):
        super().__init__(message)
        self.kind = kind


# Invitations ---------------------------------------------------------------------------


def account_for_email(email: str):
    """The account that owns `email` (an allauth address or the account's own field), or None."""
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return Person.objects.filter(email__iexact=email).first()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = Invitation.hash_token(token)
    invitation.expires_at = timezone.now() + dt.timedelta(days=INVITATION_VALID_DAYS)
    return token


def _send_invitation(invitation: Invitation, token: str, site_url: str | None = None) -> None:
    """Queue the email in the transaction (kernel/outbox.py): it leaves after commit and is
    retried while the mail server refuses; a link replaced by "send again" is never sent."""
    outbox.enqueue(
        to=invitation.email,
        template=INVITATION,
        kind="invitation",
        context={"invitation_id": invitation.pk, "site_url": site_url or "", "days": INVITATION_VALID_DAYS},
        secrets={"token": token},
    )
    invitation.sent_at = timezone.now()


def _check_invitation_role(
    *, role: str, partner: Partner | None, thematic_group, starts_on: dt.date | None, ends_on
) -> None:
    if role not in Invitation.Role.values:
        raise DomainError("Choose the role the person is invited to take up.")
    if role == Invitation.Role.FOCAL_POINT:
        if partner is None:
            raise DomainError("Choose the Partner the person will represent.")
        if not partner.is_current():
            raise DomainError(f"{partner} is not a current Partner; it cannot have new focal points.")
        return
    if role == Invitation.Role.LEADER and thematic_group is None:
        raise DomainError("Choose the Thematic Group the Leader will lead.")
    if starts_on is None:
        raise DomainError("Give the first day of the mandate.")
    if ends_on is not None and ends_on <= starts_on:
        raise DomainError("A mandate must end after it starts.")


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
        raise DomainError("Say how the Partners Board decided: at the annual meeting or electronically.")

    existing = account_for_email(email)
    if existing is not None and (existing.is_former or not existing.is_active):
        raise DomainError(
            "This email belongs to a deactivated account. Reactivate it on the participants page first."
        )
    if (
        existing is not None
        and partner is not None
        and FocalPoint.objects.filter(partner=partner, person=existing, ended_on__isnull=True).exists()
    ):
        raise DomainError(f"{existing} is already a focal point of {partner}.")
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
            "This person already has a pending invitation for this role. Send it again from the list instead."
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
    token = _new_token(invitation)
    invitation.save()
    _send_invitation(invitation, token, site_url)
    invitation.save(update_fields=["sent_at"])
    _reason(invitation, "Invitation sent")
    return invitation


@transaction.atomic
def invitation_resend(*, by, invitation: Invitation, site_url: str | None = None) -> Invitation:
    """Send a pending invitation again with a new link; the old link stops working."""
    require(by, "people.invite")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    INVITATION_LIFECYCLE.check_action("resend", invitation)
    token = _new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    _send_invitation(invitation, token, site_url)
    invitation.save(update_fields=["sent_at"])
    _reason(invitation, "Invitation sent again with a new link")
    return invitation


@transaction.atomic
def invitation_revoke(*, by, invitation: Invitation) -> Invitation:
    require(by, "people.invite")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    return transition(
        invitation,
        Invitation.Status.REVOKED,
        lifecycle=INVITATION_LIFECYCLE,
        by=by,
        reason="Invitation revoked",
    )


def invitation_for_token(token: str, *, lock: bool = False) -> Invitation:
    """The invitation a link points to, or InvitationUnusable with a sentence for the person."""
    queryset = Invitation.objects.select_related("partner", "thematic_group", "invited_by")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=Invitation.hash_token(token)).first()
    if invitation is None:
        raise InvitationUnusable(
            "This invitation link is not valid. Check that you copied the whole link from the email, "
            "or ask the Secretariat to send the invitation again.",
            kind="unknown",
        )
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvitationUnusable(
            "This invitation has already been used. Each link works once: sign in with the account "
            "you created, or reset your password if you have forgotten it.",
            kind="used",
        )
    if invitation.status == Invitation.Status.REVOKED:
        raise InvitationUnusable(
            "The Secretariat has withdrawn this invitation. Contact the Secretariat if you think "
            "this is a mistake.",
            kind="revoked",
        )
    if invitation.is_expired():
        raise InvitationUnusable(
            f"This invitation expired on {timezone.localtime(invitation.expires_at):%d %B %Y}. "
            f"Invitations are valid for {INVITATION_VALID_DAYS} days: ask the Secretariat to send it again.",
            kind="expired",
        )
    return invitation


def _unique_username(email: str) -> str:
    base = slugify(email.split("@", 1)[0])[:120] or "person"
    taken = set(Person.objects.filter(username__startswith=base).values_list("username", flat=True)[:1000])
    if base not in taken:
        return base
    for n in range(2, 1002):
        if f"{base}-{n}" not in taken:
            return f"{base}-{n}"
    return f"{base}-{uuid.uuid4().hex[:8]}"


def appointment_pending_text(invitation: Invitation) -> str:
    """What a person invited for a mandate is told: who appoints them, and that nothing is held yet."""
    if invitation.role == Invitation.Role.LEADER:
        return (
            f"Your role as {invitation.role_label} starts once the Chair has appointed you and the "
            "Secretariat has concurred (ToR 19); you will be told by email."
        )
    if invitation.role == Invitation.Role.IP_LEADER:
        return "Your role as IP Leader starts once the Secretariat records your election at the annual meeting (Annex I)."
    return (
        f"Your role as {invitation.get_role_display()} starts once the Secretariat records your appointment "
        "by the Partners Board (ToR 13a, 15)."
    )


def _apply_role(invitation: Invitation, person) -> None:
    inviter = invitation.invited_by
    forget_principal(inviter)
    if not can(inviter, "people.invite"):
        raise DomainError(
            "The Secretariat member who invited you no longer holds that role, so this invitation "
            "cannot be used. Ask the Secretariat to invite you again."
        )
    if invitation.role == Invitation.Role.FOCAL_POINT:
        if not invitation.partner.is_current():
            raise DomainError(f"{invitation.partner} is no longer a Partner; the invitation cannot be used.")
        invitation.focal_point = gov.focal_point_add(
            partner=invitation.partner, person=person, title=invitation.title, by=inviter
        )
        return
    # Invitations invite; they do not appoint (ToR 13a, 15, 19, Annex I). A mandate comes only from
    # the body the ToR names: the Chair's proposal and the Secretariat's concurrence for a Leader,
    # the Partners Board's decision or the annual meeting's election (recorded by the Secretariat)
    # for the Chair, the Vice-Chairs and the IP Leader. The account is ready for that appointment.


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user=None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    organisation: str = "",
    country: str = "",
):
    """Accept an invitation: create or use the account, verify its email, apply the role.

    Someone who already has an account with the invited email accepts while signed in as
    that account (`user`); anyone else sets a password and gets a new account. Returns the
    person, whom the view signs in.
    """
    invitation = invitation_for_token(token, lock=True)
    existing = account_for_email(invitation.email)
    if existing is not None:
        if user is None or not user.is_authenticated or user.pk != existing.pk:
            raise DomainError(
                f"An account with {invitation.email} already exists. Sign in with it, then open the link again."
            )
        person = Person.objects.select_for_update().get(pk=existing.pk)
        if not person.is_active or person.is_former:
            raise DomainError("This account is deactivated. Contact the Secretariat.")
    else:
        if not password:
            raise DomainError("Choose a password.")
        person = Person.objects.create_user(
            username=_unique_username(invitation.email),
            email=invitation.email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=organisation.strip(),
            country=country.strip(),
        )
        _reason(person, "Account created from an invitation")
    address, _created = EmailAddress.objects.get_or_create(
        user=person, email__iexact=invitation.email, defaults={"email": invitation.email}
    )
    if not address.verified or (existing is None and not address.primary):
        address.verified = True
        address.primary = address.primary or existing is None
        address.save(update_fields=["verified", "primary"])

    _apply_role(invitation, person)
    invitation.accepted_at = timezone.now()
    invitation.person = person
    transition(
        invitation,
        Invitation.Status.ACCEPTED,
        lifecycle=INVITATION_LIFECYCLE,
        by=person,
        fields=["accepted_at", "person", "focal_point", "mandate"],
        reason="Invitation accepted",
    )
    forget_principal(person)
    return person


# Profiles and accounts -----------------------------------------------------------------

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "organisation",
    "country",
    "expertise",
    "optional_reminders",
    "language",
)


@transaction.atomic
def person_update_profile(*, person, **changes):
    """The person edits their own profile. Email changes go through allauth (re-verification)."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if changes.get("language") and changes["language"] not in {code for code, _name in settings.LANGUAGES}:
        raise DomainError(_("Choose one of the portal's languages."))
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = []
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if changed:
        person.save(update_fields=changed)
        _reason(person, "Profile edited by the person")
    return person


@transaction.atomic
def person_deactivate(*, by, person):
    """The Secretariat deactivates an account: the person can no longer sign in."""
    require(by, "registers.keep")
    if person.pk == by.pk:
        raise DomainError("You cannot deactivate your own account.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise DomainError(f"{person} is already deactivated.")
    person.is_active = False
    person.save(update_fields=["is_active"])
    _reason(person, "Account deactivated by the Secretariat")
    forget_principal(person)
    return person


@transaction.atomic
def person_reactivate(*, by, person):
    require(by, "registers.keep")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_former:
        raise DomainError("This account was deleted at the person's request; it cannot be reactivated.")
    if person.is_active:
        raise DomainError(f"{person} is already active.")
    person.is_active = True
    person.save(update_fields=["is_active"])
    _reason(person, "Account reactivated by the Secretariat")
    return person


def _former_email(person) -> str:
    return f"former-{person.pk}-{uuid.uuid4().hex[:8]}@former.invalid"


@transaction.atomic
def person_anonymise(*, person, by):
    """Delete a person's personal data at their request, keeping governance records intact.

    The row stays (ballots, minutes, comments and history point at it with PROTECT) and
    shows "Former participant"; name, email, username and profile are scrubbed, also from
    the history of the account, of meeting registrations and of invitations; the email
    addresses go; the password becomes unusable and the account inactive; current focal
    points and mandates end through the governance services. The person, or the Secretariat
    on their behalf, may ask.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from guardian.models import UserObjectPermission, UserObjectPermissionBase

    if by is None or by.pk != person.pk:
        require(by, "registers.keep")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_former:
        raise DomainError("This account has already been deleted.")
    today = timezone.localdate()
    old_username = person.username
    old_email = person.email
    addresses = list(
        EmailAddress.objects.filter(user=person, verified=True).values_list("email", flat=True)
    ) + ([old_email] if old_email else [])

    for focal_point in FocalPoint.objects.filter(person=person, ended_on__isnull=True):
        gov.focal_point_end(focal_point=focal_point, ended_on=max(today, focal_point.started_on))
    for mandate in Mandate.objects.filter(
        person=person, status__in=[Mandate.Status.PROPOSED, Mandate.Status.ACTIVE], ends_on__gt=today
    ).filter(Q(ended_on__isnull=True)):
        if mandate.starts_on < today:
            gov.mandate_end(by=by, mandate=mandate, ended_on=today, reason="Ended: the person left U4SSC")
        else:  # a mandate that has not started yet: end it on its first day, so it never gives powers
            gov.mandate_end(
                by=by, mandate=mandate, ended_on=mandate.starts_on, reason="Ended: the person left U4SSC"
            )

    scrubbed_email = _former_email(person)
    person.username = scrubbed_email.split("@", 1)[0]
    person.email = scrubbed_email
    person.first_name, person.last_name = FORMER_NAME
    person.organisation = person.country = person.expertise = ""
    person.optional_reminders = False
    person.is_active = person.is_staff = person.is_superuser = False
    person.is_former = True
    person.calendar_token = new_calendar_token()
    person.set_unusable_password()
    person.save(
        update_fields=[
            "username", "email", "first_name", "last_name", "organisation", "country", "expertise",
            "optional_reminders", "is_active", "is_staff", "is_superuser", "is_former",
            "calendar_token", "password",
        ]
    )  # fmt: skip
    _reason(person, "Personal data deleted at the person's request")
    Person.history.filter(id=person.pk).update(
        username=person.username,
        email=scrubbed_email,
        first_name=FORMER_NAME[0],
        last_name=FORMER_NAME[1],
        organisation="",
        country="",
        expertise="",
        calendar_token="",
    )
    EmailAddress.objects.filter(user=person).delete()
    person.groups.clear()
    person.user_permissions.clear()
    # Every object grant the person holds, whichever app's direct permission table keeps it.
    for model in apps.get_models():
        if issubclass(model, (UserObjectPermission, UserObjectPermissionBase)):
            model.objects.filter(user=person).delete()
    # The apps that hold rows naming the person by address scrub them (meetings: registrations).
    person_anonymised.send(sender=Person, person=person, addresses=addresses)

    invitation_q = Q(person=person)
    for address in addresses:
        invitation_q |= Q(email__iexact=address)
    invitations = list(Invitation.objects.select_for_update().filter(invitation_q))
    for invitation in invitations:
        if invitation.status == Invitation.Status.PENDING:
            invitation.status = Invitation.Status.REVOKED
        invitation.email = scrubbed_email
        invitation.first_name = invitation.last_name = invitation.message = ""
        invitation.save(update_fields=["status", "email", "first_name", "last_name", "message"])
        _reason(invitation, "Personal data deleted at the person's request")
    Invitation.history.filter(id__in=[i.pk for i in invitations]).update(
        email=scrubbed_email, first_name="", last_name="", message=""
    )

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(Q(username__iexact=old_username) | Q(username__iexact=old_email or "-")).delete()
    forget_principal(person)

    outbox.forget(person=person, addresses=addresses, replacement=scrubbed_email)
    if old_email:  # the last email to the address, queued after the others were forgotten
        outbox.enqueue(to=old_email, template=ACCOUNT_DELETED, kind="account_deleted")
    return person


# Leaving -------------------------------------------------------------------------------


@transaction.atomic
def partner_leave(*, partner: Partner, left_on: dt.date, by, reason: str = "") -> Partner:
    """Record that a Partner left U4SSC: every current focal point ends that day and is told.

    The rulebook counts only focal points of current Partners, so the powers go at once;
    ending the focal points also removes the Partner's grants and keeps the register true.
    """
    require(by, "registers.keep")
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.left_on is not None:
        raise DomainError(f"{partner} already left on {partner.left_on:%d %B %Y}.")
    if left_on > timezone.localdate():
        raise DomainError("Record the leaving on or after the day it takes effect, not before.")
    if partner.joined_on and left_on < partner.joined_on:
        raise DomainError("A Partner cannot leave before it joined.")
    partner.left_on = left_on
    partner.save(update_fields=["left_on"])
    reason = " ".join((reason or "").split())
    _reason(partner, f"Partner left U4SSC: {reason}" if reason else "Partner left U4SSC")
    for focal_point in FocalPoint.objects.filter(partner=partner, ended_on__isnull=True).order_by("pk"):
        gov.focal_point_end(focal_point=focal_point, ended_on=max(left_on, focal_point.started_on), by=by)
    return partner

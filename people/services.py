"""Services for people and accounts: invitation links, profiles, deactivation, anonymisation.

Each action is one keyword-only function, atomic, that checks the rulebook (`kernel.rules`,
installed by governance), locks what it reads-then-writes, saves with `update_fields`, records
why in the history, and queues its emails in the outbox (kernel/outbox.py; their context builders
in people/emails.py). Roles are governance's (above this app): inviting to a role is
`governance.services.invitation_send`; what an accepted invitation gives and what a person's
leaving ends are asked through `people.roles`, which governance installs. A Partner leaves
through `governance.services.partner_leave`.
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
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from simple_history.utils import update_change_reason

from kernel import outbox
from kernel.lifecycle import DomainError, transition
from kernel.rules import forget_principal, require
from people import reasons as why
from people import roles
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

# A former participant keeps no name: Person.get_full_name words it in the reader's language.
FORMER_NAME = ("", "")


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


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


def invitation_new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = Invitation.hash_token(token)
    invitation.expires_at = timezone.now() + dt.timedelta(days=INVITATION_VALID_DAYS)
    return token


def invitation_queue_email(invitation: Invitation, token: str, site_url: str | None = None) -> None:
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


@transaction.atomic
def invitation_resend(*, by, invitation: Invitation, site_url: str | None = None) -> Invitation:
    """Send a pending invitation again with a new link; the old link stops working."""
    require(by, "people.invite")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    INVITATION_LIFECYCLE.check_action("resend", invitation)
    token = invitation_new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    invitation_queue_email(invitation, token, site_url)
    invitation.save(update_fields=["sent_at"])
    _reason(invitation, why.INVITATION_SENT_AGAIN())
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
        reason=why.INVITATION_REVOKED(),
    )


def invitation_for_token(token: str, *, lock: bool = False) -> Invitation:
    """The invitation a link points to, or InvitationUnusable with a sentence for the person."""
    queryset = Invitation.objects.select_related("partner", "thematic_group", "invited_by")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=Invitation.hash_token(token)).first()
    if invitation is None:
        raise InvitationUnusable(
            gettext(
                "This invitation link is not valid. Check that you copied the whole link from the email, "
                "or ask the Secretariat to send the invitation again."
            ),
            kind="unknown",
        )
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvitationUnusable(
            gettext(
                "This invitation has already been used. Each link works once: sign in with the account "
                "you created, or reset your password if you have forgotten it."
            ),
            kind="used",
        )
    if invitation.status == Invitation.Status.REVOKED:
        raise InvitationUnusable(
            gettext(
                "The Secretariat has withdrawn this invitation. Contact the Secretariat if you think "
                "this is a mistake."
            ),
            kind="revoked",
        )
    if invitation.is_expired():
        raise InvitationUnusable(
            gettext(
                "This invitation expired on %(date)s. Invitations are valid for %(days)s days: ask the Secretariat to send it again."
            )
            % {
                "date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
                "days": INVITATION_VALID_DAYS,
            },
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
        return gettext(
            "Your role as %(role)s starts once the Chair has appointed you and the "
            "Secretariat has concurred (ToR 19); you will be told by email."
        ) % {"role": invitation.role_label}
    if invitation.role == Invitation.Role.IP_LEADER:
        return gettext(
            "Your role as IP Leader starts once the Secretariat records your election at the annual meeting (Annex I)."
        )
    return gettext(
        "Your role as %(role)s starts once the Secretariat records your appointment "
        "by the Partners Board (ToR 13a, 15)."
    ) % {"role": invitation.get_role_display()}


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
                gettext(
                    "An account with %(email)s already exists. Sign in with it, then open the link again."
                )
                % {"email": invitation.email}
            )
        person = Person.objects.select_for_update().get(pk=existing.pk)
        if not person.is_active or person.is_former:
            raise DomainError(gettext("This account is deactivated. Contact the Secretariat."))
    else:
        if not password:
            raise DomainError(gettext("Choose a password."))
        person = Person.objects.create_user(
            username=_unique_username(invitation.email),
            email=invitation.email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=organisation.strip(),
            country=country.strip(),
        )
        _reason(person, why.ACCOUNT_CREATED())
    address, _created = EmailAddress.objects.get_or_create(
        user=person, email__iexact=invitation.email, defaults={"email": invitation.email}
    )
    if not address.verified or (existing is None and not address.primary):
        address.verified = True
        address.primary = address.primary or existing is None
        address.save(update_fields=["verified", "primary"])

    roles.apply_invitation(invitation, person)  # governance's: a focal point, or nothing
    invitation.accepted_at = timezone.now()
    invitation.person = person
    transition(
        invitation,
        Invitation.Status.ACCEPTED,
        lifecycle=INVITATION_LIFECYCLE,
        by=person,
        fields=["accepted_at", "person", "focal_point", "mandate"],
        reason=why.INVITATION_ACCEPTED(),
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
        raise DomainError(
            gettext("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    if changes.get("language") and changes["language"] not in {code for code, _name in settings.LANGUAGES}:
        raise DomainError(gettext("Choose one of the portal's languages."))
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = []
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if changed:
        person.save(update_fields=changed)
        _reason(person, why.PROFILE_EDITED())
    return person


@transaction.atomic
def person_deactivate(*, by, person):
    """The Secretariat deactivates an account: the person can no longer sign in."""
    require(by, "registers.keep")
    if person.pk == by.pk:
        raise DomainError(gettext("You cannot deactivate your own account."))
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise DomainError(gettext("%(person)s is already deactivated.") % {"person": person})
    person.is_active = False
    person.save(update_fields=["is_active"])
    _reason(person, why.ACCOUNT_DEACTIVATED())
    forget_principal(person)
    return person


@transaction.atomic
def person_reactivate(*, by, person):
    require(by, "registers.keep")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_former:
        raise DomainError(
            gettext("This account was deleted at the person's request; it cannot be reactivated.")
        )
    if person.is_active:
        raise DomainError(gettext("%(person)s is already active.") % {"person": person})
    person.is_active = True
    person.save(update_fields=["is_active"])
    _reason(person, why.ACCOUNT_REACTIVATED())
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
        raise DomainError(gettext("This account has already been deleted."))
    today = timezone.localdate()
    old_username = person.username
    old_email = person.email
    addresses = list(
        EmailAddress.objects.filter(user=person, verified=True).values_list("email", flat=True)
    ) + ([old_email] if old_email else [])

    # Focal points and mandates end through the governance services (people/roles.py).
    roles.end_roles(person, by=by, on=today)

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
    _reason(person, why.PERSONAL_DATA_DELETED())
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
        _reason(invitation, why.PERSONAL_DATA_DELETED())
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

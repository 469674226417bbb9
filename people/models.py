"""Person: a user account with organisation and country; roles come from other registers."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kernel.lifecycle import Action, Lifecycle


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Person(AbstractUser):
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    expertise = models.TextField(_("expertise"), blank=True, help_text=_("Fields of expertise (ToR 21)."))
    optional_reminders = models.BooleanField(
        _("optional reminders"),
        default=True,
        help_text=_("Receive reminders that the ToR does not require (workplan inputs, minutes overdue…)."),
    )
    calendar_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, default=new_calendar_token, editable=False
    )
    is_former = models.BooleanField(
        _("former participant"),
        default=False,
        help_text=_("The person asked to be deleted; governance records stay, anonymised."),
    )
    # The language of this person's emails, reminders and PDFs, whatever page sent them; signing
    # in switches the portal to it (kernel/i18n.py). Blank: the browser's, or English.
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Emails, reminders and PDFs are written in this language."),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        if self.is_former:
            return gettext("Former participant")
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        if self.is_former:  # the name is deleted, not replaced by English words
            return gettext("Former participant")
        return super().get_full_name()

    @property
    def display_name(self) -> str:
        return str(self)


INVITATION_VALID_DAYS = 14


class Invitation(models.Model):
    """The Secretariat invites a person by email to take up a role (ToR 24, 42).

    The link carries a random token; only its SHA-256 hash is stored. It is single use and
    expires INVITATION_VALID_DAYS after it was sent. Accepting it creates (or, for someone who
    already has an account, uses) the account and applies the role through the governance
    services, so the grant and its history are the same as any other appointment.
    """

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point of a Partner")
        LEADER = "leader", _("Thematic Group Leader")
        CHAIR = "chair", _("Chair (Management Team)")
        VICE_CHAIR = "vice_chair", _("Vice-Chair (Management Team)")
        IP_LEADER = "ip_leader", _("IP Leader")

    class Status(models.TextChoices):
        PENDING = "pending", _("Sent, not yet accepted")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("email address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    partner = models.ForeignKey(
        "governance.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Partner"),
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Position in the Partner organisation.")
    )
    thematic_group = models.ForeignKey(
        "thematic_groups.ThematicGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Thematic Group"),
    )
    starts_on = models.DateField(
        _("starts on"), null=True, blank=True, help_text=_("First day of the mandate.")
    )
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("First day without the powers; two years after the start if empty."),
    )
    decided_by = models.CharField(
        _("decided by"), max_length=30, blank=True, help_text=_("How the mandate was decided.")
    )
    message = models.TextField(
        _("message"), blank=True, help_text=_("A personal note included in the email.")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations_accepted",
        help_text=_("The account that accepted the invitation."),
        verbose_name=_("person"),
    )
    focal_point = models.ForeignKey(
        "governance.FocalPoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("focal point"),
    )
    mandate = models.ForeignKey(
        "governance.Mandate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("mandate"),
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="focal_point") | Q(partner__isnull=False),
                name="invitation_focal_point_names_partner",
                violation_error_message=_("A focal point invitation names its Partner."),
            ),
            models.CheckConstraint(
                condition=~Q(role="leader") | Q(thematic_group__isnull=False),
                name="invitation_leader_names_group",
                violation_error_message=_("A Leader invitation names its Thematic Group."),
            ),
            models.CheckConstraint(
                condition=Q(role="focal_point") | Q(starts_on__isnull=False),
                name="invitation_mandate_has_start",
                violation_error_message=_("A mandate invitation gives the first day of the mandate."),
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False, person__isnull=False),
                name="invitation_accepted_has_person",
                violation_error_message=_("An accepted invitation records who accepted it and when."),
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return gettext("Invitation of %(email)s as %(role_label)s") % {
            "email": self.email,
            "role_label": self.role_label,
        }

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def role_label(self) -> str:
        if self.role == self.Role.FOCAL_POINT and self.partner_id:
            return gettext("focal point of %(partner)s") % {"partner": self.partner}
        if self.role == self.Role.LEADER and self.thematic_group_id:
            return gettext("Leader of %(group)s") % {"group": self.thematic_group}
        return self.get_role_display()

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_waiting(self) -> bool:
        """Pending and its link still valid: waiting for the person to accept."""
        return self.status == self.Status.PENDING and not self.is_expired()

    @property
    def state_label(self) -> str:
        """What the Secretariat sees in lists: expiry is derived, not stored."""
        if self.status == self.Status.PENDING and self.is_expired():
            return gettext("Expired")
        return self.get_status_display()


# What may happen now to an invitation (kernel/lifecycle.py): the invitation list renders it.
INVITATION_LIFECYCLE = Lifecycle.of(
    "invitation",
    Invitation.Status,
    {Invitation.Status.PENDING: {Invitation.Status.ACCEPTED, Invitation.Status.REVOKED}},
    actions=[
        Action(
            "resend",
            _("Send again"),
            rule="people.invite",
            when={Invitation.Status.PENDING},
            service="people.services.invitation_resend",
            on_record=False,
            refusal=_("This invitation is {state}; it cannot be sent again."),
        ),
        Action(
            "revoke",
            _("Revoke"),
            rule="people.invite",
            to=Invitation.Status.REVOKED,
            service="people.services.invitation_revoke",
            on_record=False,
        ),
    ],
)

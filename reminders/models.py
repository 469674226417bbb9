"""Reminder rows and the digest emails that carry them.

A reminder is a row keyed by recipient, subject object, kind and due day, held unique by a
database constraint: the periodic sweep may compute the same reminder any number of times
(two sweeps at once, a sweep after a lost enqueue) and the row exists once. Sending takes
the rows of one person under `select_for_update(skip_locked=True)`, sends one email, marks
them sent and commits: a second worker, or a task re-delivered after a crash, finds nothing
left to send.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TOR_COMMENT = "tor_comment", _("ToR comment period closing")
    BALLOT = "ballot", _("Ballot closing")
    BALLOT_CLOSED = "ballot_closed", _("Ballot closed: the outcome")
    FINAL_REVIEW = "final_review", _("Final-draft review closing")
    WORKPLAN_INPUTS = "workplan_inputs", _("Workplan inputs due")
    TENURE = "tenure", _("Mandate ending")
    VACANT_ROLES = "vacant_roles", _("Vacant roles after a mandate ended")
    MINUTES_OVERDUE = "minutes_overdue", _("Minutes overdue")
    IP_QUARTERLY = "ip_quarterly", _("IP Leader quarterly e-meeting not held")
    HUB_REPORT = "hub_report", _("Hub annual report due")
    KPI_DATA_DUE = "kpi_data_due", _("City KPI data due")
    KPI_VERIFICATION_DUE = "kpi_verification_due", _("KPI verification due")


# Reminders the ToR requires (votes, tenure and the roles it leaves vacant) always go;
# a person may turn the others off (Person.optional_reminders).
REQUIRED_KINDS = frozenset({Kind.BALLOT, Kind.BALLOT_CLOSED, Kind.TENURE, Kind.VACANT_ROLES})


class Digest(models.Model):
    """One email to one person carrying the reminders that fell due together (one a day)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed after the last retry")
        EMPTY = "empty", _("Nothing left to send")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    day = models.DateField(_("day"), help_text=_("The day this email belongs to: one per person per day."))
    manual = models.BooleanField(
        _("sent on request"),
        default=False,
        help_text=_('Sent by the Secretariat with "send now", outside the daily email.'),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    to_address = models.EmailField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name_plural = _("reminder emails")
        ordering = ["-day", "-id"]
        verbose_name = _("reminder email")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "day"],
                condition=Q(manual=False),
                name="one_reminder_email_per_person_per_day",
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return gettext("Reminders for %(recipient)s on %(day)s") % {
            "recipient": self.recipient,
            "day": date_format(self.day, "DATE_FORMAT"),
        }


class Reminder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent (no longer due, or turned off)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    required = models.BooleanField(
        _("required"), default=False, help_text=_("Required by the ToR: sent even if opted out.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    digest = models.ForeignKey(
        Digest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
        verbose_name=_("reminder email"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_on", "recipient_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "subject_type", "subject_id", "kind", "due_on"],
                name="one_reminder_per_recipient_subject_kind_day",
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s for %(recipient)s on %(day)s") % {
            "kind": self.get_kind_display(),
            "recipient": self.recipient,
            "day": date_format(self.due_on, "DATE_FORMAT"),
        }

"""The kernel's one table: the email outbox (kernel/outbox.py).

An email is a row written in the same transaction as the change that causes it: who, what
(a template and the facts it needs, as JSON), why (`kind`), in which language. A task sends it
after commit; the periodic sweep sends what a broker outage or a mail server's refusal left
pending. Sending locks the row with `select_for_update(skip_locked=True)` and marks it sent in
the same transaction, so it goes once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def default_language() -> str:
    return settings.LANGUAGE_CODE


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed after the last retry")
        CANCELLED = "cancelled", _("Not sent: no longer needed")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The recipient's account, when the email goes to a person of the portal."),
        verbose_name=_("person"),
    )
    to_address = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    template = models.CharField(
        _("template"),
        max_length=200,
        blank=True,
        help_text=_(
            "templates/<template>_subject.txt, _message.txt and _message.html; empty when rendered already."
        ),
    )
    kind = models.CharField(_("kind"), max_length=60, help_text=_("Why the email is sent."))
    context = models.JSONField(
        _("context"), default=dict, blank=True, help_text=_("The facts the template needs (ids, values).")
    )
    # Links that grant access (an invitation's token, allauth's keys): never shown, cleared once the
    # email is sent, failed or cancelled.
    secret_context = models.JSONField(_("secret context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default=default_language)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    dedupe_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The same notice is never queued twice."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("email")
        verbose_name_plural = _("emails (outbox)")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return gettext("%(kind)s to %(address)s") % {"kind": self.kind, "address": self.to_address}

"""The admin of what belongs to no register: the portal's own settings, and the email outbox for
the Secretariat (kernel/outbox.py: every email the portal sends, to whom, why, and whether it
went; read-only; "send now" makes pending or failed emails due at once). The outbox is registered
here because the kernel imports no app (the gate is the rulebook's)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import update_change_reason

from governance.rulebook import can
from kernel import outbox
from kernel.admin_base import RegisterAdmin, SecretariatLogAdmin
from kernel.models import OutboxMessage
from portal import reasons as why
from portal.models import SecuritySettings


@admin.register(SecuritySettings)
class SecuritySettingsAdmin(RegisterAdmin):
    """One row, never deleted; each change is in its history with who and what."""

    fields = ["require_mfa_for_focal_points"]

    def has_add_permission(self, request, *args):
        # One row: added once (with the defaults until then), changed from then on.
        return super().has_add_permission(request) and not SecuritySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        turned = why.MFA_FOCAL_POINTS_ON if obj.require_mfa_for_focal_points else why.MFA_FOCAL_POINTS_OFF
        update_change_reason(obj, turned(who=request.user.get_username()))


@admin.register(OutboxMessage)
class OutboxMessageAdmin(SecretariatLogAdmin):
    list_display = (
        "created_at",
        "kind",
        "to_address",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "subject",
    )
    list_filter = ("status", "kind", "created_at", "sent_at")
    search_fields = ("to_address", "person__username", "person__last_name", "subject", "last_error")
    date_hierarchy = "created_at"
    # The secret context (links with tokens, allauth's keys) is never shown.
    fields = readonly_fields = (
        "created_at",
        "kind",
        "person",
        "to_address",
        "reply_to",
        "language",
        "template",
        "context",
        "dedupe_key",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "subject",
        "sent_at",
    )
    actions = ["send_now"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._keeps_registers(request):
            actions.pop("send_now", None)
        return actions

    @admin.action(description=_("Send the selected emails now (pending or failed ones)"))
    def send_now(self, request, queryset):
        if not can(request.user, "registers.keep"):
            self.message_user(request, gettext("Only the Secretariat sends emails again."), messages.ERROR)
            return
        count = outbox.send_now(queryset.values_list("pk", flat=True))
        if not count:
            self.message_user(
                request,
                gettext("Nothing to send: the selected emails were sent or cancelled."),
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            # Translators: English keeps "email(s)" in both forms; give each plural form its own words.
            ngettext(
                "%(count)d email(s) queued to be sent now.",
                "%(count)d email(s) queued to be sent now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

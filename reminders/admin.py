"""The reminder log for the Secretariat: what was sent, to whom and when; what failed.

Read-only lists with filters; the "send now" action goes through the same service and task
as the daily emails (`services.reminders_send_now` → `tasks.send_digest`)."""

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.admin_base import SecretariatLogAdmin
from kernel.reasons import said
from kernel.refusals import attempt
from reminders import services
from reminders.models import Digest, Reminder


@admin.register(Reminder)
class ReminderAdmin(SecretariatLogAdmin):
    list_display = ("due_on", "kind", "recipient", "subject_label", "status", "required", "sent_at", "email")
    list_filter = ("status", "kind", "required", "due_on", "sent_at")
    search_fields = ("recipient__username", "recipient__email", "recipient__last_name", "note")
    date_hierarchy = "due_on"
    list_select_related = ("recipient", "subject_type")
    # The note is a code (why a reminder was skipped), worded in the reader's language.
    readonly_fields = [f.name if f.name != "note" else "note_said" for f in Reminder._meta.fields]
    exclude = ("note",)
    actions = ["send_now"]

    @admin.display(description=_("email"))
    def email(self, obj):
        return f"#{obj.digest_id}" if obj.digest_id else "—"

    @admin.display(description=_("note"))
    def note_said(self, obj):
        return said(obj.note)

    @admin.display(description=_("about"))
    def subject_label(self, obj):
        return f"{obj.subject_type.name} #{obj.subject_id}"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._keeps_registers(request):
            actions.pop("send_now", None)
        return actions

    @admin.action(description=_("Send the selected reminders now (pending or failed ones)"))
    def send_now(self, request, queryset):
        done = attempt(
            request,
            services.reminders_send_now,
            denied=True,
            by=request.user,
            reminder_ids=queryset.values_list("pk", flat=True),
        )
        if not done:
            return
        count, emails = done.value
        if not count:
            self.message_user(
                request,
                gettext("Nothing to send: the selected reminders were already sent or skipped."),
                messages.WARNING,
            )
            return
        self.message_user(
            request,
            gettext("%(count)s reminder(s) queued in %(emails)s email(s).")
            % {"count": count, "emails": emails},
            messages.SUCCESS,
        )


@admin.register(Digest)
class DigestAdmin(SecretariatLogAdmin):
    list_display = ("day", "recipient", "to_address", "status", "attempts", "sent_at", "manual", "subject")
    list_filter = ("status", "manual", "day")
    search_fields = ("recipient__username", "to_address", "subject", "last_error")
    date_hierarchy = "day"
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in Digest._meta.fields]

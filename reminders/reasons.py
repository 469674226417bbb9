"""Why reminder preferences changed: codes stored in the history, worded when read (kernel/reasons.py)."""

from django.utils.translation import gettext_lazy as _

from kernel.reasons import ChangeReason as R

OPTIONAL_ON = R("reminders.optional_on", _("Optional reminders turned on"))
OPTIONAL_OFF = R("reminders.optional_off", _("Optional reminders turned off"))

# Why a reminder was skipped (Reminder.note): the same codes, worded when the log is read.
SKIPPED_OPTIONAL_OFF = R("reminder.optional_off", _("The person turned optional reminders off."))
SKIPPED_NOT_DUE = R("reminder.not_due", _("No longer due when the email was sent."))

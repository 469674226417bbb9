from django import forms
from django.utils.translation import gettext_lazy as _


class ReminderPreferencesForm(forms.Form):
    optional_reminders = forms.BooleanField(
        required=False,
        label=_("Send me the reminders the Terms of Reference do not require"),
        help_text=(
            _(
                "Comment periods, final-draft reviews, workplan inputs, overdue minutes, the IP Leader's "
                "quarterly e-meeting and Hub annual reports. Ballots and the end of your mandates are "
                "always sent: the Terms of Reference require them."
            )
        ),
    )

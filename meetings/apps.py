from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and e-meetings")

    def ready(self):
        from meetings import personal_data

        personal_data.register()  # its rows in a person's data export (people/personal_data.py)
        from meetings import emails  # noqa: F401  the outbox's context builders for meetings' emails

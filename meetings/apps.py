from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and e-meetings")

    def ready(self):
        from meetings import personal_data

        personal_data.register()  # its rows in a person's data export (people/personal_data.py)
        from kernel.cache import pages_show

        pages_show("/meetings/", "content")  # no ballot on them: a vote leaves them cached (issue 17)
        from meetings import emails  # noqa: F401  the outbox's context builders for meetings' emails
        from meetings.models import Meeting
        from thematic_groups.forms import set_annual_meetings

        # The annual meetings thematic_groups' forms offer (approval, workplan presented).
        set_annual_meetings(lambda: Meeting.objects.filter(kind=Meeting.Kind.ANNUAL).order_by("-starts_at"))

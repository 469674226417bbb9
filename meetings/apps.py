from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and e-meetings"

    def ready(self):
        from meetings import personal_data

        personal_data.register()  # its rows in a person's data export (people/personal_data.py)
        from kernel.cache import pages_show

        pages_show("/meetings/", "content")  # no ballot on them: a vote leaves them cached (issue 17)
        from meetings import emails  # noqa: F401  the outbox's context builders for meetings' emails

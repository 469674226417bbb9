from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and accounts")

    def ready(self):
        from people import (
            emails,  # noqa: F401  the outbox's context builders for people's emails
            language,  # noqa: F401  signing in switches to the person's language
        )

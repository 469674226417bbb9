from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    name = "kpis"
    verbose_name = _("KPI web-tool: cities, reporting cycles, verification")

    def ready(self):
        from kpis import (
            emails,  # noqa: F401  the outbox's context builder
            personal_data,
        )

        personal_data.register()  # its rows in a person's data export

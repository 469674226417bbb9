from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance registers")

    def ready(self):
        from governance import (
            emails,  # noqa: F401  the outbox's context builders for governance's emails
            personal_data,
        )
        from governance.rulebook import can
        from governance.services import decision_effects
        from kernel.admin_base import set_register_keeper
        from kernel.cache import pages_show
        from kernel.lifecycle import set_permission_check

        # What an adopted ToR revision, appointment or Hub approval does (governance.decision_kinds).
        decision_effects.register()
        # Its rows in a person's data export (people/personal_data.py).
        personal_data.register()

        # Every register's admin (kernel.admin_base.RegisterAdmin) asks the rulebook.
        set_register_keeper(lambda user: can(user, "registers.keep"))
        # Every lifecycle's "what may this person do now" asks the rulebook (kernel/lifecycle.py).
        set_permission_check(can)
        # The ToR's public pages show no ballot: a vote leaves them cached (kernel/cache.py).
        pages_show("/tor/", "content")

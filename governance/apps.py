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
        from governance.rulebook import can, forget_principal, require
        from governance.services import decision_effects, invitations
        from kernel import rules
        from kernel.admin_base import set_register_keeper
        from kernel.cache import pages_show
        from kernel.lifecycle import set_permission_check
        from people import roles

        # What an adopted ToR revision, appointment or Hub approval does (governance.decision_kinds).
        decision_effects.register()
        # Its rows in a person's data export (people/personal_data.py).
        personal_data.register()

        # Every register's admin (kernel.admin_base.RegisterAdmin) asks the rulebook.
        set_register_keeper(lambda user: can(user, "registers.keep"))
        # Every lifecycle's "what may this person do now" asks the rulebook (kernel/lifecycle.py).
        set_permission_check(can)
        # The apps below governance (people) ask the same rulebook (kernel/rules.py) ...
        rules.install(can=can, require=require, forget=forget_principal)
        # ... and the roles an invitation gives, or a leaving person's departure ends (people/roles.py).
        roles.install(
            apply_invitation=invitations.invitation_apply_role, end_roles=invitations.person_end_roles
        )
        # The ToR's public pages show no ballot: a vote leaves them cached (kernel/cache.py).
        pages_show("/tor/", "content")

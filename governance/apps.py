from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance registers"

    def ready(self):
        from governance.rulebook import can
        from kernel.lifecycle import set_permission_check

        # Every lifecycle's "what may this person do now" asks the rulebook (kernel/lifecycle.py).
        set_permission_check(can)

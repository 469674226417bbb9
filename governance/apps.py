from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance registers"

    def ready(self):
        from governance import emails  # noqa: F401  the outbox's context builders for governance's emails

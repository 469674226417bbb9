from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance registers"

    def ready(self):
        from governance import emails  # noqa: F401  the outbox's context builders for governance's emails
        from kernel.cache import pages_show

        # The ToR's public pages show no ballot: a vote leaves them cached (kernel/cache.py).
        pages_show("/tor/", "content")

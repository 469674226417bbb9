from django.apps import AppConfig


class ThematicGroupsConfig(AppConfig):
    name = "thematic_groups"
    verbose_name = "Thematic Groups, deliverables and workplan"

    def ready(self):
        from thematic_groups import emails  # noqa: F401  the outbox's context builders

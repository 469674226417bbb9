from django.apps import AppConfig


class ThematicGroupsConfig(AppConfig):
    name = "thematic_groups"
    verbose_name = "Thematic Groups, deliverables and workplan"

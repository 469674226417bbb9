from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThematicGroupsConfig(AppConfig):
    name = "thematic_groups"
    verbose_name = _("Thematic Groups, deliverables and workplan")

    def ready(self):
        from thematic_groups import (
            decision_effects,
            emails,  # noqa: F401  the outbox's context builders
            personal_data,
        )

        # An adopted deliverable approval or workplan agreement (governance.decision_kinds).
        decision_effects.register()
        # Governance, below this app, reads the groups through the hook it offers (invitations, Leaders).
        from governance import groups
        from thematic_groups.models import ThematicGroup

        groups.install(groups=lambda: ThematicGroup.objects.all())
        personal_data.register()  # its rows in a person's data export
        # Their public pages show no ballot: a vote leaves them cached (kernel/cache.py, issue 17).
        from kernel.cache import pages_show

        for prefix in ("/deliverables/", "/groups/", "/calls/", "/workplans/", "/feeds/"):
            pages_show(prefix, "content")

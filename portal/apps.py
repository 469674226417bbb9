from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib import admin

        from kernel.admin_base import secretariat_has_permission
        from portal import checks  # noqa: F401  (registers the deploy check)

        # The admin is for Secretariat staff and superusers only (ToR G 23), asked of the rulebook.
        admin.site.has_permission = secretariat_has_permission.__get__(admin.site)
        admin.site.site_header = "U4SSC Secretariat"
        admin.site.site_title = "U4SSC admin"
        admin.site.index_title = "Registers"

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib import admin

        from portal import checks, mfa  # noqa: F401  (registers the deploy check, the MFA signal)
        from portal.admin_site import secretariat_has_permission

        # The admin is for Secretariat staff and superusers only (ToR G 23), asked of the rulebook.
        admin.site.has_permission = secretariat_has_permission.__get__(admin.site)
        # One sign-in flow: the admin's login page is the portal's (with its second-factor stage).
        admin.site.login = mfa.admin_login
        admin.site.site_header = "U4SSC Secretariat"
        admin.site.site_title = "U4SSC admin"
        admin.site.index_title = "Registers"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib import admin

        from kernel.admin_base import secretariat_has_permission, set_second_factor_check
        from portal import checks, mfa  # noqa: F401  (registers the deploy check, the MFA signal)

        # The admin wants a session that passed the second factor (allauth.mfa, portal/mfa.py).
        set_second_factor_check(mfa.second_factor_passed)

        # The admin is for Secretariat staff and superusers only (ToR G 23), asked of the rulebook.
        admin.site.has_permission = secretariat_has_permission.__get__(admin.site)
        # One sign-in flow: the admin's login page is the portal's (with its second-factor stage).
        admin.site.login = mfa.admin_login
        admin.site.site_header = _("U4SSC Secretariat")
        admin.site.site_title = _("U4SSC admin")
        admin.site.index_title = _("Registers")

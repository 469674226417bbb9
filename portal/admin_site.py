"""The admin gate and the base ModelAdmin every register uses.

Only Secretariat staff (a focal point of ITU, UNECE or UN-Habitat with staff access)
and superusers enter, signed in with a second factor (allauth.mfa, portal/mfa.py) unless
U4SSC_MFA_ENFORCED is off. Inside, every list and action asks the same rulebook ("registers.keep").
"""

from django.conf import settings
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from governance.rulebook import can


def secretariat_has_permission(self, request) -> bool:
    user = request.user
    if not (user.is_active and user.is_authenticated and can(user, "registers.keep")):
        return False
    if settings.U4SSC_MFA_ENFORCED:
        from portal.mfa import second_factor_passed

        return second_factor_passed(request)
    return True


# Links typed without a scheme are https (Django 6.0's default, taken now), in registers and inlines.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class RegisterAdmin(SimpleHistoryAdmin):
    """Base admin for governance registers: the rulebook decides, not Django model permissions."""

    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELDS_HTTPS

    def _keeps_registers(self, request) -> bool:
        return request.user.is_active and can(request.user, "registers.keep")

    def has_module_permission(self, request):
        return self._keeps_registers(request)

    def has_view_permission(self, request, obj=None):
        return self._keeps_registers(request)

    def has_add_permission(self, request, *args):
        return self._keeps_registers(request)

    def has_change_permission(self, request, obj=None):
        return self._keeps_registers(request)

    def has_delete_permission(self, request, obj=None):
        return self._keeps_registers(request) and request.user.is_superuser


class RegisterInlineMixin:
    """Inlines of a register follow the register's rulebook too: without this, Django asks for
    model permissions the Secretariat's staff accounts do not have, and hides every inline."""

    formfield_overrides = URL_FIELDS_HTTPS

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and can(request.user, "registers.keep")

    def has_add_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj) and request.user.is_superuser


class ReadOnlyInline(RegisterInlineMixin, admin.TabularInline):
    """Related rows shown on a register's page but written elsewhere, through services
    (ballots by focal points, team members by `team_member_add`, clauses by the ToR editor…).
    `select_related` names what each row displays, so the inline costs one query."""

    extra = 0
    can_delete = False
    show_change_link = True
    select_related: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def has_view_permission(self, request, obj=None):
        # An object being added has no rows yet: nothing to show, no formset to post.
        return obj is not None and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

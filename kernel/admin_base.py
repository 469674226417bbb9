"""The admin gate and the base ModelAdmin every register uses (any app may import it).

Only Secretariat staff (a focal point of ITU, UNECE or UN-Habitat with staff access)
and superusers enter; in production they must also have passed a TOTP second factor.
Inside, every list and action asks the same question, "may this person keep the registers?".
The kernel does not know the rulebook: governance answers the question by calling
`set_register_keeper(...)` from its AppConfig.ready(). Until then nobody keeps the registers.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

_register_keeper: Callable[[object], bool] = lambda user: False  # noqa: E731  (closed until set)


def set_register_keeper(keeps_registers: Callable[[object], bool]) -> None:
    """Install the answer to "may this user keep the registers?" (governance: the rulebook)."""
    global _register_keeper
    _register_keeper = keeps_registers


def keeps_registers(user) -> bool:
    return bool(user.is_active and user.is_authenticated and _register_keeper(user))


def secretariat_has_permission(self, request) -> bool:
    user = request.user
    if not keeps_registers(user):
        return False
    if settings.U4SSC_ADMIN_REQUIRE_OTP:
        return bool(getattr(user, "is_verified", lambda: False)())
    return True


# Links typed without a scheme are https (Django 6.0's default, taken now), in registers and inlines.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class RegisterAdmin(SimpleHistoryAdmin):
    """Base admin for governance registers: the rulebook decides, not Django model permissions."""

    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELDS_HTTPS

    def _keeps_registers(self, request) -> bool:
        return keeps_registers(request.user)

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
        return keeps_registers(request.user)

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

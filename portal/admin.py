"""The admin of the portal's own settings (the registers live in their apps' admin.py)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.utils import update_change_reason

from portal.admin_site import RegisterAdmin
from portal.models import SecuritySettings


@admin.register(SecuritySettings)
class SecuritySettingsAdmin(RegisterAdmin):
    """One row, never deleted; each change is in its history with who and what."""

    fields = ["require_mfa_for_focal_points"]

    def has_add_permission(self, request, *args):
        # One row: added once (with the defaults until then), changed from then on.
        return super().has_add_permission(request) and not SecuritySettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        state = "on" if obj.require_mfa_for_focal_points else "off"
        who = request.user.get_username()
        update_change_reason(obj, f"Second factor for focal points turned {state} by {who}"[:100])

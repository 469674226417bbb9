"""The Secretariat's admin over people (the user accounts).

A person's roles are not edited here: they come from focal points, mandates, memberships
and teams (their own registers). Only a superuser may change who is staff or superuser,
so a Secretariat member cannot raise anyone's powers (their own included) from this page.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from kernel.admin_base import RegisterAdmin, run_each
from people import services as people_services
from people.models import Invitation, Person

POWER_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


class PersonActionForm(ActionForm):
    confirm_anonymise = forms.BooleanField(
        required=False,
        label=_("I confirm: delete the personal data of the selected people (this cannot be undone)"),
    )


@admin.register(Person)
class PersonAdmin(RegisterAdmin, DjangoUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "organisation",
        "country",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = ["is_staff", "is_active", "is_former", "date_joined", "country"]
    actions = ["deactivate_accounts", "reactivate_accounts", "anonymise"]
    action_form = PersonActionForm
    search_fields = ["username", "first_name", "last_name", "email", "organisation"]
    ordering = ["last_name", "first_name", "username"]
    date_hierarchy = "date_joined"
    # is_former is set only by people.services.person_anonymise (deletion at the person's request).
    readonly_fields = ["last_login", "date_joined", "calendar_token", "is_former"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Person"),
            {"fields": ["first_name", "last_name", "email", "organisation", "country", "expertise"]},
        ),
        (_("Preferences"), {"fields": ["optional_reminders"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_former", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "organisation",
                    "country",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        )
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += POWER_FIELDS
            if obj is not None:
                readonly.append("is_active")  # the deactivate/reactivate actions (the services)
        return readonly

    @admin.action(description=_("Deactivate the selected accounts (they can no longer sign in)"))
    def deactivate_accounts(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            people_services.person_deactivate,
            pgettext("admin: the selected records were …", "deactivated"),
        )

    @admin.action(description=_("Reactivate the selected accounts"))
    def reactivate_accounts(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            people_services.person_reactivate,
            pgettext("admin: the selected records were …", "reactivated"),
        )

    @admin.action(description=_("Anonymise (delete personal data, at the person's request)"))
    def anonymise(self, request, queryset):
        if request.POST.get("confirm_anonymise") not in ("on", "true", "1"):
            self.message_user(
                request,
                gettext(
                    "Nothing was deleted: tick the confirmation box next to the action to delete personal data."
                ),
                messages.ERROR,
            )
            return
        _each(
            self,
            request,
            queryset,
            people_services.person_anonymise,
            pgettext("admin: the selected records were …", "anonymised"),
        )


# Invitations (people/services.py): sent from the portal page, which asks the same rulebook;
# the admin lists them and sends again or revokes through the services.


def _each(model_admin, request, queryset, service, done: str) -> None:
    def call(obj):
        if service is people_services.invitation_resend:
            return service(by=request.user, invitation=obj, site_url=request.build_absolute_uri("/"))
        if service is people_services.invitation_revoke:
            return service(by=request.user, invitation=obj)
        return service(by=request.user, person=obj)

    run_each(model_admin, request, queryset, call, done)


@admin.register(Invitation)
class InvitationAdmin(RegisterAdmin):
    list_display = ["email", "role_label", "state_label", "invited_by", "sent_at", "expires_at", "person"]
    list_filter = ["status", "role", "sent_at"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["partner", "thematic_group", "invited_by", "person"]
    date_hierarchy = "created_at"
    actions = ["send_again", "revoke"]
    readonly_fields = [f.name for f in Invitation._meta.fields if f.name != "token_hash"]
    exclude = ["token_hash"]

    def has_add_permission(self, request, *args):
        return False  # invitations are sent from the portal page ("Invite someone")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("role"))
    def role_label(self, obj):
        return obj.role_label

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return obj.state_label

    @admin.action(description=_("Send the selected invitations again, with a new link"))
    def send_again(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            people_services.invitation_resend,
            pgettext("admin: the selected records were …", "sent again"),
        )

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            people_services.invitation_revoke,
            pgettext("admin: the selected records were …", "revoked"),
        )

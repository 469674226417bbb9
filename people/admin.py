"""The Secretariat's admin over people (the user accounts).

A person's roles are not edited here: they come from focal points, mandates, memberships
and teams (their own registers). Only a superuser may change who is staff or superuser,
so a Secretariat member cannot raise anyone's powers (their own included) from this page.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from people.models import Person
from portal.admin_site import RegisterAdmin

POWER_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


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
    ]
    list_filter = ["is_staff", "is_active", "is_former", "country"]
    search_fields = ["username", "first_name", "last_name", "email", "organisation"]
    ordering = ["last_name", "first_name", "username"]
    date_hierarchy = "date_joined"
    readonly_fields = ["last_login", "date_joined", "calendar_token"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "email", "organisation", "country", "expertise"]}),
        ("Preferences", {"fields": ["optional_reminders"]}),
        (
            "Access",
            {"fields": ["is_active", "is_former", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
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
        return readonly

"""The Secretariat's admin over Thematic Groups, deliverables and the workplan (ToR G 23).

Every admin is a `RegisterAdmin` (rulebook-gated, with the history view). Being on a
deliverable's team is a power (reading its unpublished drafts, ToR 33, 35): adding or
removing a team member here keeps the django-guardian grant in step. Uploaded files
(draft versions) come only through the portal's upload pages, which check them by content;
here they are read.
"""

from __future__ import annotations

from django.contrib import admin
from guardian.shortcuts import assign_perm, remove_perm

from portal.admin_site import RegisterAdmin
from thematic_groups.models import (
    CallForExperts,
    ContributionSignup,
    Deliverable,
    DeliverableComment,
    DeliverableVersion,
    ExpertApplication,
    Membership,
    TeamMember,
    ThematicGroup,
    WorkingGroup,
    Workplan,
    WorkplanInput,
    WorkplanItem,
)

TEAM_PERMISSION = "thematic_groups.work_on_deliverable"


def team_member_granted(member: TeamMember) -> None:
    assign_perm(TEAM_PERMISSION, member.person, member.deliverable)


def team_member_revoked(member: TeamMember) -> None:
    remove_perm(TEAM_PERMISSION, member.person, member.deliverable)


# Thematic Groups ------------------------------------------------------------------------------


class WorkingGroupInline(admin.TabularInline):
    model = WorkingGroup
    fields = ["number", "title", "description"]
    extra = 0


@admin.register(ThematicGroup)
class ThematicGroupAdmin(RegisterAdmin):
    list_display = ["title", "status", "started_on", "closed_on"]
    list_filter = ["status"]
    search_fields = ["title", "objectives", "scope"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "started_on"
    inlines = [WorkingGroupInline]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(RegisterAdmin):
    list_display = ["title", "number", "thematic_group"]
    list_select_related = ["thematic_group"]
    list_filter = ["thematic_group"]
    search_fields = ["title", "description", "thematic_group__title"]
    autocomplete_fields = ["thematic_group"]


@admin.register(Membership)
class MembershipAdmin(RegisterAdmin):
    list_display = ["person", "thematic_group", "working_group", "joined_on", "left_on"]
    list_select_related = ["person", "thematic_group", "working_group"]
    list_filter = ["thematic_group", ("left_on", admin.EmptyFieldListFilter)]
    search_fields = ["person__first_name", "person__last_name", "person__username", "thematic_group__title"]
    autocomplete_fields = ["person", "thematic_group", "working_group"]
    date_hierarchy = "joined_on"


# Deliverables ---------------------------------------------------------------------------------


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    fields = ["person", "role", "joined_on"]
    autocomplete_fields = ["person"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class DeliverableVersionInline(admin.TabularInline):
    model = DeliverableVersion
    fields = ["number", "content_type", "size", "is_final", "note", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Deliverable)
class DeliverableAdmin(RegisterAdmin):
    list_display = ["title", "thematic_group", "type", "status", "proposed_on", "published_on"]
    list_select_related = ["thematic_group"]
    list_filter = ["status", "type", "thematic_group"]
    search_fields = ["title", "summary", "slug", "thematic_group__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["thematic_group", "working_group", "proposed_by"]
    date_hierarchy = "proposed_on"
    inlines = [TeamMemberInline, DeliverableVersionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not TeamMember:
            super().save_formset(request, form, formset, change)
            return
        members = formset.save(commit=False)
        for member in formset.deleted_objects:
            team_member_revoked(member)
            member.delete()
        for member in members:
            member.save()
            team_member_granted(member)
        formset.save_m2m()


@admin.register(TeamMember)
class TeamMemberAdmin(RegisterAdmin):
    list_display = ["person", "deliverable", "role", "joined_on"]
    list_select_related = ["person", "deliverable"]
    list_filter = ["role", "deliverable__thematic_group"]
    search_fields = ["person__first_name", "person__last_name", "person__username", "deliverable__title"]
    autocomplete_fields = ["person", "deliverable"]
    date_hierarchy = "joined_on"

    def get_readonly_fields(self, request, obj=None):
        return ["person", "deliverable"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        team_member_granted(obj)

    def delete_model(self, request, obj):
        team_member_revoked(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for member in queryset.select_related("person", "deliverable"):
            team_member_revoked(member)
        super().delete_queryset(request, queryset)


@admin.register(DeliverableVersion)
class DeliverableVersionAdmin(RegisterAdmin):
    """Versions are uploaded on the deliverable's page (checked by content); read here."""

    list_display = ["deliverable", "number", "content_type", "size", "is_final", "uploaded_by", "uploaded_at"]
    list_select_related = ["deliverable", "uploaded_by"]
    list_filter = ["is_final", "content_type"]
    search_fields = ["deliverable__title", "note", "sha256"]
    readonly_fields = [
        "deliverable",
        "number",
        "file",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    date_hierarchy = "uploaded_at"

    def has_add_permission(self, request, *args):
        return False


@admin.register(DeliverableComment)
class DeliverableCommentAdmin(RegisterAdmin):
    list_display = ["deliverable", "author", "kind", "created_at"]
    list_select_related = ["deliverable", "author"]
    list_filter = ["kind"]
    search_fields = ["text", "resolution", "deliverable__title", "author__last_name", "author__username"]
    autocomplete_fields = ["deliverable", "author"]
    raw_id_fields = ["version"]
    date_hierarchy = "created_at"


class ExpertApplicationInline(admin.TabularInline):
    model = ExpertApplication
    fields = ["applicant", "status", "vetted_by", "vetted_on"]
    readonly_fields = ["applicant"]
    autocomplete_fields = ["vetted_by"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("applicant", "vetted_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CallForExperts)
class CallForExpertsAdmin(RegisterAdmin):
    list_display = ["title", "deliverable", "status", "opens_on", "closes_on"]
    list_select_related = ["deliverable"]
    list_filter = ["status"]
    search_fields = ["title", "description", "expertise_sought", "deliverable__title"]
    autocomplete_fields = ["deliverable", "opened_by"]
    date_hierarchy = "opens_on"
    inlines = [ExpertApplicationInline]


@admin.register(ExpertApplication)
class ExpertApplicationAdmin(RegisterAdmin):
    list_display = ["applicant", "call", "status", "vetted_by", "vetted_on", "created_at"]
    list_select_related = ["applicant", "call", "vetted_by"]
    list_filter = ["status"]
    search_fields = ["applicant__first_name", "applicant__last_name", "applicant__username", "call__title"]
    autocomplete_fields = ["applicant", "call", "vetted_by"]
    date_hierarchy = "created_at"


@admin.register(ContributionSignup)
class ContributionSignupAdmin(RegisterAdmin):
    list_display = ["person", "deliverable", "created_at"]
    list_select_related = ["person", "deliverable"]
    search_fields = ["person__first_name", "person__last_name", "person__username", "deliverable__title"]
    autocomplete_fields = ["person", "deliverable"]
    date_hierarchy = "created_at"


# The workplan ---------------------------------------------------------------------------------


class WorkplanItemInline(admin.TabularInline):
    model = WorkplanItem
    fields = ["position", "kind", "title", "deliverable", "thematic_group", "owner", "starts_on", "ends_on"]
    raw_id_fields = ["deliverable", "thematic_group"]
    extra = 0


@admin.register(Workplan)
class WorkplanAdmin(RegisterAdmin):
    list_display = ["title", "period", "status", "compiled_on", "agreed_on"]
    list_filter = ["status"]
    search_fields = ["title", "period"]
    raw_id_fields = ["presented_at"]
    inlines = [WorkplanItemInline]


@admin.register(WorkplanItem)
class WorkplanItemAdmin(RegisterAdmin):
    list_display = ["title", "workplan", "kind", "thematic_group", "owner", "starts_on", "ends_on"]
    list_select_related = ["workplan", "thematic_group"]
    list_filter = ["kind", "workplan"]
    search_fields = ["title", "owner", "notes"]
    autocomplete_fields = ["deliverable", "thematic_group"]
    raw_id_fields = ["workplan"]
    date_hierarchy = "starts_on"


@admin.register(WorkplanInput)
class WorkplanInputAdmin(RegisterAdmin):
    list_display = ["workplan", "author", "created_at"]
    list_select_related = ["workplan", "author"]
    list_filter = ["workplan"]
    search_fields = ["text", "author__last_name", "author__username"]
    autocomplete_fields = ["author"]
    raw_id_fields = ["workplan"]
    date_hierarchy = "created_at"

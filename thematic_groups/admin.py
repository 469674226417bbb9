"""The Secretariat's admin over Thematic Groups, deliverables and the workplan (ToR G 23).

Every admin is a `RegisterAdmin` (rulebook-gated, with the history view). Being on a
deliverable's team is a power (reading its unpublished drafts, ToR 33, 35): adding or
removing a team member here keeps the django-guardian grant in step. Uploaded files
(draft versions) come only through the portal's upload pages, which check them by content;
here they are read. Lifecycle fields (status and its dates) move only through the services
of `thematic_groups.services`, called by the actions of the lists.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import services as gov
from kernel.admin_base import (
    ReadOnlyInline,
    RegisterAdmin,
    RegisterInlineMixin,
    ServiceAdmin,
    TranslatedContentAdmin,
    copy_saved,
    portal_link,
    run_each,
    service_action,
)
from kernel.content_language import original_language
from thematic_groups import services
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


class NoteActionForm(ActionForm):
    """The action bar with a note, for actions that must say why (withdrawal, agreement)."""

    note = forms.CharField(
        required=False,
        label=_("Note (why it is withdrawn; how the Partners agreed)"),
        widget=forms.TextInput(attrs={"size": 60}),
    )


# Thematic Groups ------------------------------------------------------------------------------


class WorkingGroupInline(RegisterInlineMixin, admin.TabularInline):
    model = WorkingGroup
    fields = ["number", "title", "description"]
    extra = 0


@admin.register(ThematicGroup)
class ThematicGroupAdmin(TranslatedContentAdmin, RegisterAdmin):
    translate_service = staticmethod(gov.content_translate)
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


class TeamMemberInline(ReadOnlyInline):
    """The team, read here: add people with the team-member page or the deliverable's portal
    page, remove them with the team-member list's action (the grant follows the row)."""

    select_related = ("person",)
    model = TeamMember
    fields = ["person", "role", "joined_on"]


class DeliverableVersionInline(ReadOnlyInline):
    select_related = ("uploaded_by",)
    model = DeliverableVersion
    fields = ["number", "content_type", "size", "is_final", "note", "uploaded_by", "uploaded_at"]


DELIVERABLE_LIFECYCLE_FIELDS = [
    "status",
    "proposed_by",
    "proposed_on",
    "approved_on",
    "approval_decision",
    "approval_meeting",
    "drafting_started_on",
    "final_draft_on",
    "final_review_deadline",
    "editorial_review_on",
    "published_on",
    "edition",
    "withdrawn_on",
    "withdrawal_note",
    "portal_page",
]
CLOSED_TEXT = (Deliverable.Status.PUBLISHED, Deliverable.Status.WITHDRAWN)


@admin.register(Deliverable)
class DeliverableAdmin(TranslatedContentAdmin, ServiceAdmin):
    """A Leader proposes on the portal; the Partners' approval comes from their decision or the
    annual meeting; drafting, editorial review, publication and withdrawal are the actions of
    the list, through the services. The web text changes through `deliverable_update_text`."""

    translate_service = staticmethod(gov.content_translate)
    list_display = ["title", "thematic_group", "type", "status", "proposed_on", "published_on"]
    list_select_related = ["thematic_group"]
    list_filter = ["status", "type", "thematic_group"]
    search_fields = ["title", "summary", "slug", "thematic_group__title"]
    autocomplete_fields = ["thematic_group", "working_group"]
    date_hierarchy = "proposed_on"
    inlines = [TeamMemberInline, DeliverableVersionInline]
    action_form = NoteActionForm
    actions = [
        "start_drafting",
        "mark_final_draft",
        "return_to_drafting",
        "start_editorial_review",
        "publish",
        "withdraw",
    ]

    @admin.display(description=_("Portal"))
    def portal_page(self, obj):
        if obj.pk is None:
            return "—"
        return portal_link(
            obj.get_absolute_url(), gettext("The deliverable's page (approval, uploads, team)")
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = [*DELIVERABLE_LIFECYCLE_FIELDS, "slug"]
        if obj is not None and obj.status in CLOSED_TEXT:
            readonly += ["summary_en", "body"]  # published text changes only with a new edition
        return readonly

    def has_add_permission(self, request, *args):
        return False  # a Leader proposes on the group's portal page (deliverable_propose, ToR 20a)

    def save_model(self, request, obj, form, change):
        # The English original (summary_en); its versions in other languages go through
        # TranslatedContentAdmin and content_translate.
        text = {"summary_en", "body"} & set(form.changed_data)
        summary, body = obj.summary_en or "", obj.body
        if text:  # the text goes through its service, with its own rules and history
            saved = Deliverable.objects.only("summary_en", "body").get(pk=obj.pk)
            obj.summary_en, obj.body = saved.summary_en, saved.body
        if set(form.changed_data) - text:
            super().save_model(request, obj, form, change)
        if text:
            with original_language():
                saved = services.deliverable_update_text(
                    by=request.user, deliverable=obj, summary=summary, body=body
                )
            copy_saved(obj, saved)

    start_drafting = service_action(
        _("Start drafting (approved deliverables)"),
        services.deliverable_start_drafting,
        param="deliverable",
        done=_("deliverables now in drafting"),
    )

    mark_final_draft = service_action(
        _("Declare the latest version the final draft (14-day review)"),
        services.deliverable_mark_final_draft,
        param="deliverable",
        done=_("final drafts declared"),
    )

    return_to_drafting = service_action(
        _("Return to drafting"),
        services.deliverable_return_to_drafting,
        param="deliverable",
        done=_("deliverables back in drafting"),
    )

    start_editorial_review = service_action(
        _("Start the editorial review (final drafts)"),
        services.deliverable_start_editorial_review,
        param="deliverable",
        done=_("deliverables in editorial review"),
    )

    publish = service_action(
        _("Publish (after editorial review, ToR 23c, 34)"),
        services.deliverable_publish,
        param="deliverable",
        done=_("deliverables published"),
    )

    withdraw = service_action(
        _("Withdraw, with the note written above (ToR 23c)"),
        services.deliverable_withdraw,
        param="deliverable",
        done=_("deliverables withdrawn"),
        from_post=("note",),
    )


@admin.register(TeamMember)
class TeamMemberAdmin(ServiceAdmin):
    """Joining and leaving a team go through `team_member_add` / `team_member_remove`, which keep
    the grant to read the unpublished drafts (ToR 33, 35) in step with the row."""

    list_display = ["person", "deliverable", "role", "joined_on"]
    list_select_related = ["person", "deliverable"]
    list_filter = ["role", "deliverable__thematic_group"]
    search_fields = ["person__first_name", "person__last_name", "person__username", "deliverable__title"]
    autocomplete_fields = ["person", "deliverable"]
    date_hierarchy = "joined_on"
    actions = ["remove_from_team"]

    def get_fields(self, request, obj=None):
        return (
            ["deliverable", "person", "role"]
            if obj is None
            else ["deliverable", "person", "role", "joined_on"]
        )

    def get_readonly_fields(self, request, obj=None):
        return ["person", "deliverable", "joined_on"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # the role in the team
            return
        member = services.team_member_add(
            deliverable=obj.deliverable, person=obj.person, role=obj.role, by=request.user
        )
        copy_saved(obj, member)

    def delete_model(self, request, obj):
        services.team_member_remove(member=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for member in queryset.select_related("person", "deliverable"):
            services.team_member_remove(member=member, by=request.user)

    @admin.action(description=_("Remove the selected people from their teams (their access to drafts ends)"))
    def remove_from_team(self, request, queryset):
        run_each(
            self,
            request,
            queryset.select_related("person", "deliverable"),
            lambda member: services.team_member_remove(member=member, by=request.user),
            _("people removed from their teams"),
        )


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


class ExpertApplicationInline(ReadOnlyInline):
    """Applications come from the portal and are vetted with the actions of the applications list
    (`application_vet`, which also puts an accepted expert on the deliverable's team)."""

    model = ExpertApplication
    fields = ["applicant", "status", "vetted_by", "vetted_on"]
    select_related = ("applicant", "vetted_by")


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
class ExpertApplicationAdmin(ServiceAdmin):
    """The Secretariat (with the Management Team) vets applications to calls for experts
    (ToR 20c) through `application_vet`: an accepted expert joins the deliverable's team, so the
    status is never typed here. Applications are made on the portal."""

    list_display = ["applicant", "call", "status", "vetted_by", "vetted_on", "created_at"]
    list_select_related = ["applicant", "call", "vetted_by"]
    list_filter = ["status", "call__deliverable__thematic_group"]
    search_fields = ["applicant__first_name", "applicant__last_name", "applicant__username", "call__title"]
    readonly_fields = ["applicant", "call", "motivation", "status", "vetted_by", "vetted_on", "created_at"]
    date_hierarchy = "created_at"
    actions = ["accept", "decline"]

    def has_add_permission(self, request):
        return False

    accept = service_action(
        _("Accept the selected experts (they join the deliverable's team)"),
        services.application_vet,
        param="application",
        done=_("applications accepted"),
        accept=True,
    )

    decline = service_action(
        _("Decline the selected applications"),
        services.application_vet,
        param="application",
        done=_("applications declined"),
        accept=False,
    )


@admin.register(ContributionSignup)
class ContributionSignupAdmin(RegisterAdmin):
    list_display = ["person", "deliverable", "created_at"]
    list_select_related = ["person", "deliverable"]
    search_fields = ["person__first_name", "person__last_name", "person__username", "deliverable__title"]
    autocomplete_fields = ["person", "deliverable"]
    date_hierarchy = "created_at"


# The workplan ---------------------------------------------------------------------------------


WORKPLAN_ITEM_FIELDS = [
    "position",
    "kind",
    "title",
    "deliverable",
    "thematic_group",
    "owner",
    "starts_on",
    "ends_on",
]


def _compiling(workplan) -> bool:
    return workplan is None or workplan.status == Workplan.Status.COMPILING


class WorkplanItemInline(ReadOnlyInline):
    """The items, read here: compile them on the item page or the portal (`workplan_item_add`)."""

    select_related = ("deliverable", "thematic_group")
    model = WorkplanItem
    fields = WORKPLAN_ITEM_FIELDS


@admin.register(Workplan)
class WorkplanAdmin(ServiceAdmin):
    """The workplan moves compiling → Management Team review → presented → agreed (ToR 10)
    through the services, with the actions of the list."""

    list_display = ["title", "period", "status", "compiled_on", "agreed_on"]
    list_filter = ["status"]
    search_fields = ["title", "period"]
    inlines = [WorkplanItemInline]
    action_form = NoteActionForm
    actions = ["submit_for_review", "record_presented", "record_agreed"]
    LIFECYCLE_FIELDS = [
        "status",
        "compiled_on",
        "reviewed_on",
        "review_note",
        "presented_on",
        "presented_at",
        "agreed_on",
        "agreed_note",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "period", "inputs_deadline"]
        return ["title", "period", "inputs_deadline", *self.LIFECYCLE_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.LIFECYCLE_FIELDS

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        workplan = services.workplan_create(
            by=request.user, title=obj.title, period=obj.period, inputs_deadline=obj.inputs_deadline
        )
        copy_saved(obj, workplan)

    submit_for_review = service_action(
        _("Send to the Management Team for review (ToR 10b)"),
        services.workplan_submit_for_review,
        param="workplan",
        done=_("workplans sent to the Management Team"),
    )

    record_presented = service_action(
        _("Record as presented at the annual meeting today (ToR 10c)"),
        services.workplan_record_presented,
        param="workplan",
        done=_("workplans recorded as presented"),
    )

    record_agreed = service_action(
        _("Record the Partners' agreement, with the note written above (ToR 10d)"),
        services.workplan_record_agreed,
        param="workplan",
        done=_("workplans recorded as agreed"),
        from_post=("note",),
    )


@admin.register(WorkplanItem)
class WorkplanItemAdmin(ServiceAdmin):
    """Items are compiled while the workplan is being compiled (`workplan_item_add`); afterwards
    they are read only."""

    list_display = ["title", "workplan", "kind", "thematic_group", "owner", "starts_on", "ends_on"]
    list_select_related = ["workplan", "thematic_group"]
    list_filter = ["kind", "workplan"]
    search_fields = ["title", "owner", "notes"]
    autocomplete_fields = ["deliverable", "thematic_group"]
    raw_id_fields = ["workplan"]
    date_hierarchy = "starts_on"

    def get_readonly_fields(self, request, obj=None):
        return ["workplan", "position"] if obj is not None else ["position"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not _compiling(obj.workplan):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not _compiling(obj.workplan):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        item = services.workplan_item_add(
            by=request.user,
            workplan=obj.workplan,
            title=obj.title,
            kind=obj.kind,
            deliverable=obj.deliverable,
            thematic_group=obj.thematic_group,
            owner=obj.owner,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            notes=obj.notes,
        )
        copy_saved(obj, item)

    def delete_model(self, request, obj):
        services.workplan_item_remove(by=request.user, item=obj)

    def delete_queryset(self, request, queryset):
        for item in queryset.select_related("workplan"):
            services.workplan_item_remove(by=request.user, item=item)


@admin.register(WorkplanInput)
class WorkplanInputAdmin(RegisterAdmin):
    list_display = ["workplan", "author", "created_at"]
    list_select_related = ["workplan", "author"]
    list_filter = ["workplan"]
    search_fields = ["text", "author__last_name", "author__username"]
    autocomplete_fields = ["author"]
    raw_id_fields = ["workplan"]
    date_hierarchy = "created_at"

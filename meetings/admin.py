"""The Secretariat's admin over meetings (ToR 23e): the programme (sessions, moderators,
speakers), participants, decisions and minutes.

Every admin is a `RegisterAdmin` (rulebook-gated, with the history view). Files (minutes)
come only through the portal's upload pages, which check them by content; here they are read.
The agenda and meeting statuses, registrations and decisions taken at a meeting move through
`meetings.services` (the actions of the lists), so an appointment creates its mandate.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import services as gov
from kernel.admin_base import (
    RegisterAdmin,
    RegisterInlineMixin,
    ServiceAdmin,
    TranslatedContentAdmin,
    copy_saved,
    portal_link,
    service_action,
)
from meetings import services
from meetings.models import Meeting, MeetingDecision, Minutes, Presentation, Registration, Session, Speaker
from thematic_groups.models import ThematicGroup

PERSON_SEARCH = ["person__first_name", "person__last_name", "person__username"]


class SessionInline(RegisterInlineMixin, admin.StackedInline):
    model = Session
    fields = [
        ("position", "kind", "audience"),
        "title",
        ("starts_at", "ends_at"),
        ("moderator", "moderator_name"),
    ]
    autocomplete_fields = ["moderator"]
    extra = 0
    show_change_link = True  # speakers and presentations are on the session's page
    ordering = ["position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")


class MeetingDecisionInline(RegisterInlineMixin, admin.TabularInline):
    """Decisions taken at the meeting, read here: record one on the meeting-decision page or the
    meeting's portal page (`meeting_decision_record`), so an appointment creates its mandate."""

    model = MeetingDecision
    fields = ["kind", "text", "session", "mandate", "deliverable", "workplan"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "session", "mandate__person", "mandate__thematic_group", "deliverable", "workplan"
            )
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingAdminForm(forms.ModelForm):
    """The rules the meeting services follow (meetings.services.meeting_shape_problems), for a
    meeting typed in the admin: a wrong shape is a form error and nothing is saved. (No Meta:
    the admin builds the fields, with its widgets and URL scheme.)"""

    def clean(self):
        data = super().clean()
        problems = services.meeting_shape_problems(
            kind=data.get("kind", ""),
            slug=data.get("slug", ""),
            audience=data.get("audience", ""),
            thematic_group=data.get("thematic_group"),
            deliverable=data.get("deliverable"),
            is_ip_quarterly=bool(data.get("is_ip_quarterly")),
        )
        for problem in problems:
            self.add_error(None, problem)
        return data


@admin.register(Meeting)
class MeetingAdmin(TranslatedContentAdmin, ServiceAdmin):
    translate_service = staticmethod(gov.content_translate)
    list_display = [
        "title",
        "kind",
        "starts_at",
        "format",
        "audience",
        "agenda_status",
        "status",
        "thematic_group",
    ]
    list_select_related = ["thematic_group"]
    list_filter = [
        "kind",
        "status",
        "agenda_status",
        "report_status",
        "format",
        "audience",
        "is_ip_quarterly",
    ]
    search_fields = ["title", "slug", "place", "agenda", "thematic_group__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisers", "thematic_group", "deliverable"]
    raw_id_fields = ["workplan"]
    # The agenda is agreed by the Chair on the portal (ToR 16a) and published with an action here.
    readonly_fields = [
        "agenda_status",
        "status",
        "held_on",
        "scheduled_by",
        "report_status",
        "report_published_at",
        "report_download",
    ]
    exclude = ["report_file"]
    date_hierarchy = "starts_at"
    inlines = [SessionInline, MeetingDecisionInline]
    form = MeetingAdminForm
    actions = [
        "publish_programme",
        "return_agenda_to_draft",
        "mark_held",
        "publish_report",
        "cancel_emeeting",
    ]

    @admin.display(description=_("Report"))
    def report_download(self, obj):
        if obj.pk is None or obj.kind != Meeting.Kind.ANNUAL:
            return "-"
        label = gettext("Published report (PDF)") if obj.report_file else gettext("Draft report (PDF)")
        return portal_link(reverse("meetings:meeting_report", args=[obj.slug]), label)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.scheduled_by = request.user
        super().save_model(request, obj, form, change)

    publish_programme = service_action(
        _("Publish the programme (agreed by the Chair)"),
        services.meeting_agenda_publish,
        param="meeting",
        done=_("programmes published"),
    )

    return_agenda_to_draft = service_action(
        _("Return the agenda to draft"),
        services.meeting_agenda_return,
        param="meeting",
        done=_("agendas returned to draft"),
    )

    mark_held = service_action(
        _("Mark the selected meetings as held today"),
        services.meeting_mark_held,
        param="meeting",
        done=_("meetings marked as held"),
    )

    publish_report = service_action(
        _("Publish the report of the selected annual meetings (public in full)"),
        services.meeting_report_publish,
        param="meeting",
        done=_("reports published"),
    )

    cancel_emeeting = service_action(
        _("Cancel the selected e-meetings"),
        services.emeeting_cancel,
        param="meeting",
        done=_("e-meetings cancelled"),
    )


class SpeakerInline(RegisterInlineMixin, admin.TabularInline):
    model = Speaker
    fields = ["position", "name", "affiliation", "person", "summary"]
    autocomplete_fields = ["person"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class PresentationInline(RegisterInlineMixin, admin.TabularInline):
    model = Presentation
    fields = ["title", "speaker", "url", "file"]
    readonly_fields = ["file"]  # files are uploaded on the portal, checked by content
    raw_id_fields = ["speaker"]
    extra = 0


@admin.register(Session)
class SessionAdmin(RegisterAdmin):
    list_display = ["title", "meeting", "position", "kind", "audience", "moderator_name"]
    list_select_related = ["meeting"]
    list_filter = ["kind", "audience", "meeting__kind"]
    search_fields = ["title", "moderator_name", "questions", "highlights", "meeting__title"]
    autocomplete_fields = ["meeting", "moderator"]
    ordering = ["-meeting__starts_at", "position"]
    inlines = [SpeakerInline, PresentationInline]


@admin.register(Speaker)
class SpeakerAdmin(RegisterAdmin):
    list_display = ["name", "affiliation", "session", "position"]
    list_select_related = ["session"]
    list_filter = ["session__meeting"]
    search_fields = ["name", "affiliation", "summary", "session__title"]
    autocomplete_fields = ["session", "person"]


@admin.register(Presentation)
class PresentationAdmin(RegisterAdmin):
    list_display = ["title", "session", "speaker", "url"]
    list_select_related = ["session", "speaker"]
    search_fields = ["title", "session__title", "speaker__name"]
    autocomplete_fields = ["session"]
    raw_id_fields = ["speaker"]
    readonly_fields = ["file"]


@admin.register(Registration)
class RegistrationAdmin(ServiceAdmin):
    """Registrations are confirmed or declined with the actions (the services); a participant
    added here is recorded as confirmed (`participant_record`, Annex 1)."""

    list_display = [
        "name",
        "organisation",
        "country",
        "meeting",
        "attendance",
        "status",
        "email_confirmed_at",
        "created_at",
    ]
    list_select_related = ["meeting"]
    list_filter = ["attendance", "status", "meeting"]
    search_fields = ["name", "email", "organisation", "country"]
    autocomplete_fields = ["meeting", "person"]
    date_hierarchy = "created_at"
    actions = ["confirm", "decline"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["status", "created_at", "email_confirmed_at", "recorded_by"]
        # The address is the one its owner confirmed (or not): it is not edited here.
        return ["meeting", "email", "status", "created_at", "email_confirmed_at", "recorded_by"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        registration = services.participant_record(
            by=request.user,
            meeting=obj.meeting,
            name=obj.name,
            email=obj.email,
            organisation=obj.organisation,
            country=obj.country,
            attendance=obj.attendance,
            person=obj.person,
        )
        copy_saved(obj, registration)

    confirm = service_action(
        _("Confirm the selected registrations"),
        services.registration_confirm,
        param="registration",
        done=_("registrations confirmed"),
    )

    decline = service_action(
        _("Decline the selected registrations"),
        services.registration_decline,
        param="registration",
        done=_("registrations declined"),
    )


class MeetingDecisionForm(forms.ModelForm):
    """The decision, and for an appointment who is appointed to what (the mandate follows)."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name"),
        required=False,
        help_text=_("For an appointment or the IP Leader's election: the person appointed."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", "—"), *[(r.value, r.label) for r in services.APPOINTABLE_ROLES]],
        required=False,
        help_text=_("For an appointment: Chair, Vice-Chair or Leader."),
    )
    thematic_group = forms.ModelChoiceField(
        label=_("Thematic Group"),
        queryset=ThematicGroup.objects.order_by("title"),
        required=False,
        help_text=_("For a Leader: the Thematic Group."),
    )
    starts_on = forms.DateField(
        label=_("Starts on"),
        required=False,
        help_text=_("First day of the mandate (default: the day of the meeting)."),
    )

    class Meta:
        model = MeetingDecision
        fields = ["meeting", "session", "kind", "text", "workplan", "deliverable"]


@admin.register(MeetingDecision)
class MeetingDecisionAdmin(ServiceAdmin):
    """Recorded through `meeting_decision_record`: an appointment or the IP Leader's election
    creates the mandate in the same transaction. Afterwards only the wording may be corrected."""

    list_display = ["short_text", "kind", "meeting", "session", "recorded_by"]
    list_select_related = ["meeting", "session", "recorded_by"]
    list_filter = ["kind", "meeting"]
    search_fields = ["text", "meeting__title"]
    autocomplete_fields = ["meeting"]
    raw_id_fields = ["session", "deliverable", "workplan"]
    ADD_FIELDS = [
        "meeting",
        "session",
        "kind",
        "text",
        "person",
        "role",
        "thematic_group",
        "starts_on",
        "workplan",
        "deliverable",
    ]
    RECORD_FIELDS = ["meeting", "session", "kind", "mandate", "deliverable", "workplan", "recorded_by"]

    @admin.display(description=_("Decision"))
    def short_text(self, obj):
        return obj.text[:100]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MeetingDecisionForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return self.ADD_FIELDS if obj is None else [*self.RECORD_FIELDS, "text"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.RECORD_FIELDS

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # a correction of the wording
            return
        data = form.cleaned_data
        decision = services.meeting_decision_record(
            by=request.user,
            meeting=obj.meeting,
            kind=obj.kind,
            text=obj.text,
            session=obj.session,
            person=data.get("person"),
            role=data.get("role") or "",
            thematic_group=data.get("thematic_group"),
            starts_on=data.get("starts_on"),
            workplan=obj.workplan,
            deliverable=obj.deliverable,
        )
        copy_saved(obj, decision)


@admin.register(Minutes)
class MinutesAdmin(RegisterAdmin):
    """Minutes are uploaded on the meeting's page by the Leader (ToR 20e); read here."""

    list_display = ["meeting", "version", "original_name", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["meeting", "uploaded_by"]
    list_filter = ["meeting__kind"]
    search_fields = ["meeting__title", "original_name", "sha256"]
    readonly_fields = [
        "meeting",
        "version",
        "file",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    date_hierarchy = "uploaded_at"

    def has_add_permission(self, request, *args):
        return False

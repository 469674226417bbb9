"""The Secretariat's admin over meetings (ToR 23e): the programme (sessions, moderators,
speakers), participants, decisions and minutes.

Every admin is a `RegisterAdmin` (rulebook-gated, with the history view). Files (minutes)
come only through the portal's upload pages, which check them by content; here they are read.
"""

from __future__ import annotations

from django.contrib import admin

from meetings.models import Meeting, MeetingDecision, Minutes, Presentation, Registration, Session, Speaker
from portal.admin_site import RegisterAdmin

PERSON_SEARCH = ["person__first_name", "person__last_name", "person__username"]


class SessionInline(admin.StackedInline):
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


class MeetingDecisionInline(admin.TabularInline):
    model = MeetingDecision
    fields = ["kind", "text", "session", "mandate", "deliverable", "workplan"]
    raw_id_fields = ["session", "mandate", "deliverable", "workplan"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(RegisterAdmin):
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
    list_filter = ["kind", "status", "agenda_status", "format", "audience", "is_ip_quarterly"]
    search_fields = ["title", "slug", "place", "agenda", "thematic_group__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisers", "thematic_group", "deliverable", "scheduled_by"]
    raw_id_fields = ["workplan"]
    date_hierarchy = "starts_at"
    inlines = [SessionInline, MeetingDecisionInline]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    fields = ["position", "name", "affiliation", "person", "summary"]
    autocomplete_fields = ["person"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class PresentationInline(admin.TabularInline):
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
class RegistrationAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "country", "meeting", "attendance", "status", "created_at"]
    list_select_related = ["meeting"]
    list_filter = ["attendance", "status", "meeting"]
    search_fields = ["name", "email", "organisation", "country"]
    autocomplete_fields = ["meeting", "person"]
    date_hierarchy = "created_at"


@admin.register(MeetingDecision)
class MeetingDecisionAdmin(RegisterAdmin):
    list_display = ["short_text", "kind", "meeting", "session", "recorded_by"]
    list_select_related = ["meeting", "session", "recorded_by"]
    list_filter = ["kind", "meeting"]
    search_fields = ["text", "meeting__title"]
    autocomplete_fields = ["meeting", "recorded_by"]
    raw_id_fields = ["session", "mandate", "deliverable", "workplan"]

    @admin.display(description="Decision")
    def short_text(self, obj):
        return obj.text[:100]

    def save_model(self, request, obj, form, change):
        if not change and obj.recorded_by_id is None:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


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

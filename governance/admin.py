"""The Secretariat's admin over the governance registers (ToR G 23).

Every admin is a `RegisterAdmin`: the rulebook ("registers.keep") decides who enters and the
history view shows who changed what. Focal points and mandates carry powers, so they are
never saved directly: adding, ending and renewing go through `governance.services`, which
keep the guardian grants in step and record why in the history.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import services as gov
from governance.models import (
    DECISION_LIFECYCLE,
    FOCAL_POINT_LIFECYCLE,
    HUB_LIFECYCLE,
    LOGO_USE_LIFECYCLE,
    MANDATE_LIFECYCLE,
    PARTNER_LIFECYCLE,
    TOR_LIFECYCLE,
    Ballot,
    ChairAbsence,
    Clause,
    CommunicationReview,
    Decision,
    ExternalEngagementNotice,
    FocalPoint,
    Hub,
    JoinRequest,
    LogoUseRequest,
    Mandate,
    Nomination,
    Partner,
    ToRComment,
    ToRVersion,
)
from kernel.admin_base import (
    ReadOnlyInline,
    RegisterAdmin,
    ServiceAdmin,
    TranslatedContentAdmin,
    copy_saved,
    lifecycle_action,
    portal_link,
    run_available,
    service_action,
)
from kernel.content_language import original_language

# Partners and focal points ----------------------------------------------------------------


class FocalPointInline(ReadOnlyInline):
    """The Partner's focal points, read-only here: add and end them on the focal-point page."""

    select_related = ("person",)
    model = FocalPoint
    fields = ["person", "title", "is_secretariat_contact", "started_on", "ended_on"]
    ordering = ["ended_on", "person__last_name"]


class HubInline(ReadOnlyInline):
    model = Hub
    fields = ["name", "country", "city", "status", "approved_on"]


class PartnerActionForm(ActionForm):
    left_on = forms.DateField(
        required=False,
        label=_("Leaving day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For “record leaving”: the day the Partner left (today or earlier)."),
    )
    reason = forms.CharField(required=False, label=_("Reason"), max_length=90)


@admin.register(Partner)
class PartnerAdmin(ServiceAdmin):
    """A Partner leaves through `partner_leave` (the action “record leaving”): its focal points end
    that day, their grants go and they are told. The leaving day is never typed on the form."""

    list_display = ["acronym", "name", "is_secretariat", "joined_on", "left_on"]
    list_display_links = ["acronym", "name"]
    list_filter = ["is_secretariat", ("left_on", admin.EmptyFieldListFilter)]
    search_fields = ["acronym", "name", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    date_hierarchy = "joined_on"
    inlines = [FocalPointInline, HubInline]
    readonly_fields = ["left_on"]
    actions = ["record_leaving"]
    action_form = PartnerActionForm

    def has_delete_permission(self, request, obj=None):
        return False  # a Partner that leaves is recorded as having left; its record stays

    @lifecycle_action(PARTNER_LIFECYCLE, "leave")
    @admin.action(description=_("Record leaving on the day given (focal points end and are told)"))
    def record_leaving(self, request, queryset):
        try:
            left_on = dt.date.fromisoformat(request.POST.get("left_on", ""))
        except ValueError:
            self.message_user(
                request, gettext("Give the leaving day (YYYY-MM-DD) beside the action."), messages.ERROR
            )
            return
        reason = request.POST.get("reason", "")
        run_available(
            self,
            request,
            queryset,
            lifecycle=PARTNER_LIFECYCLE,
            name="leave",
            action=lambda partner: gov.partner_leave(
                by=request.user, partner=partner, left_on=left_on, reason=reason
            ),
            done=_("Partners recorded as having left"),
        )


@admin.register(FocalPoint)
class FocalPointAdmin(ServiceAdmin):
    list_display = ["person", "partner", "title", "is_secretariat_contact", "started_on", "ended_on"]
    list_select_related = ["person", "partner"]
    list_filter = [
        "partner__is_secretariat",
        "is_secretariat_contact",
        ("ended_on", admin.EmptyFieldListFilter),
        "partner",
    ]
    search_fields = [
        "person__username",
        "person__first_name",
        "person__last_name",
        "person__email",
        "partner__acronym",
    ]
    autocomplete_fields = ["person", "partner"]
    date_hierarchy = "started_on"
    actions = ["end_today"]

    def get_readonly_fields(self, request, obj=None):
        # Who represents which Partner, and since when, changes only through the services.
        if obj is not None:
            return ["partner", "person", "started_on", "ended_on"]
        return ["ended_on"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # title, Secretariat contact
            return
        focal_point = gov.focal_point_add(
            partner=obj.partner,
            person=obj.person,
            title=obj.title,
            started_on=obj.started_on,
            is_secretariat_contact=obj.is_secretariat_contact,
            by=request.user,
        )
        obj.pk = focal_point.pk

    end_today = service_action(
        _("End the selected focal points today (their powers end at once)"),
        gov.focal_point_end,
        param="focal_point",
        done=_("focal points ended"),
        lifecycle=FOCAL_POINT_LIFECYCLE,
        name="end",
    )


# Mandates -----------------------------------------------------------------------------------


class MandateStateFilter(admin.SimpleListFilter):
    """Filter by the one truthful state today (Mandate.state), not by the stored status."""

    title = _("state today")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Mandate.State.choices

    def queryset(self, request, queryset):
        if self.value() in Mandate.State.values:
            return queryset.filter(Mandate.state_q(self.value(), timezone.localdate()))
        return queryset


class MandateElectionForm(forms.ModelForm):
    """The admin adds a mandate only one way: an election at an annual meeting recorded by the
    Secretariat (ToR 13a, 15, Annex I). Chair and Vice-Chairs also come from an adopted decision of
    the Partners Board; Leaders from the Chair's proposal with the Secretariat's concurrence."""

    role = forms.ChoiceField(choices=[(r.value, r.label) for r in gov.ELECTED_AT_MEETING])
    starts_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The day of the meeting if empty. Someone re-elected is renewed: the new term follows the current one."
        ),
    )

    class Meta:
        model = Mandate
        fields = ["role", "person", "meeting", "starts_on", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].required = True
        self.fields["meeting"].help_text = _("The annual meeting that elected the person.")


class MandateActionForm(ActionForm):
    reason = forms.CharField(required=False, label=_("Reason (decline)"), max_length=500)
    meeting = forms.IntegerField(required=False, label=_("Annual meeting id (renew)"))


@admin.register(Mandate)
class MandateAdmin(ServiceAdmin):
    """Mandates carry powers: they come only from the services (an adopted decision, an election
    at an annual meeting, the Chair's proposal and the Secretariat's concurrence). Here they are
    read, one truthful state each; the actions concur, decline, end and renew through services."""

    list_display = [
        "person",
        "role",
        "thematic_group",
        "starts_on",
        "last_day_display",
        "state_display",
        "decided_by",
    ]
    list_select_related = ["person", "thematic_group"]
    list_filter = [MandateStateFilter, "role", "decided_by", "thematic_group"]
    search_fields = ["person__username", "person__first_name", "person__last_name", "thematic_group__title"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["meeting"]
    date_hierarchy = "starts_on"
    actions = ["concur", "decline", "end_today", "renew_at_meeting"]
    action_form = MandateActionForm
    RECORD_FIELDS = [
        "role",
        "person",
        "thematic_group",
        "starts_on",
        "ends_on",
        "state_display",
        "status",
        "ended_on",
        "decided_by",
        "decision",
        "meeting",
        "proposed_by",
        "concurred_by",
        "renewal_of",
    ]

    @admin.display(description=_("Last day"), ordering="ends_on")
    def last_day_display(self, obj):
        return obj.last_day

    @admin.display(description=_("State today"))
    def state_display(self, obj):
        return Mandate.State(obj.state(timezone.localdate())).label

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MandateElectionForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["role", "person", "meeting", "starts_on", "notes"]
        return [*self.RECORD_FIELDS, "notes"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.RECORD_FIELDS

    def has_delete_permission(self, request, obj=None):
        return False  # a mandate is ended, never deleted: its history is the register

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # the notes only
            return
        mandate = gov.mandate_record_election(
            by=request.user,
            meeting=obj.meeting,
            role=obj.role,
            person=obj.person,
            starts_on=form.cleaned_data.get("starts_on"),
            notes=obj.notes,
        )
        copy_saved(obj, mandate)

    concur = service_action(
        _("Concur with the selected Leader proposals (Secretariat, ToR 19)"),
        gov.mandate_concur,
        param="mandate",
        done=_("Leader mandates made active"),
        lifecycle=MANDATE_LIFECYCLE,
        name="concur",
    )

    decline = service_action(
        _("Decline the selected Leader proposals (give the reason beside the action)"),
        gov.mandate_decline,
        param="mandate",
        done=_("Leader proposals declined"),
        from_post=("reason",),
        lifecycle=MANDATE_LIFECYCLE,
        name="decline",
    )

    end_today = service_action(
        _("End the selected mandates today (their powers end at once)"),
        gov.mandate_end,
        param="mandate",
        done=_("mandates ended"),
        lifecycle=MANDATE_LIFECYCLE,
        name="end",
    )

    @lifecycle_action(MANDATE_LIFECYCLE, "renew")
    @admin.action(
        description=_("Renew the selected mandates, as re-elected at the annual meeting given (ToR 28)")
    )
    def renew_at_meeting(self, request, queryset):
        # The meetings register sits above governance: reach it through the mandate's own field.
        meetings = Mandate._meta.get_field("meeting").related_model.objects
        meeting = meetings.filter(pk=request.POST.get("meeting") or None).first()
        if meeting is None:
            self.message_user(
                request, gettext("Give the id of the annual meeting that re-elected them."), messages.ERROR
            )
            return
        run_available(
            self,
            request,
            queryset,
            lifecycle=MANDATE_LIFECYCLE,
            name="renew",
            action=lambda mandate: gov.mandate_renew(by=request.user, mandate=mandate, meeting=meeting),
            done=_("mandates renewed"),
        )


@admin.register(ChairAbsence)
class ChairAbsenceAdmin(ServiceAdmin):
    list_display = ["starts_on", "ends_on", "acting_vice_chair_person", "reason", "recorded_by"]
    list_select_related = ["acting_vice_chair__person", "recorded_by"]
    search_fields = ["reason"]
    raw_id_fields = ["acting_vice_chair"]
    readonly_fields = ["recorded_by"]
    date_hierarchy = "starts_on"

    @admin.display(description=_("Acting Vice-Chair"))
    def acting_vice_chair_person(self, obj):
        return obj.acting_vice_chair.person if obj.acting_vice_chair_id else _("Every active Vice-Chair")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        absence = gov.chair_absence_record(
            by=request.user,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            acting_vice_chair=obj.acting_vice_chair,
            reason=obj.reason,
        )
        obj.pk = absence.pk


# The Terms of Reference -----------------------------------------------------------------------


class ClauseInline(ReadOnlyInline):
    """The clauses, read here; a draft's clauses are edited in the portal's drafting pages (or one
    by one on the clause's admin page), through the clause services."""

    select_related = ("tor_version",)
    model = Clause
    fields = ["position", "section", "kind", "number", "letter", "key", "text", "portal_editor"]
    ordering = ["position"]

    @admin.display(description=_("Edit"))
    def portal_editor(self, clause):
        version = clause.tor_version
        if not version.is_editable:
            return "—"
        url = reverse("governance:tor_clause_edit", args=[version.number, clause.pk])
        return portal_link(url, _("Edit in the drafting page"))


@admin.register(ToRVersion)
class ToRVersionAdmin(TranslatedContentAdmin, ServiceAdmin):
    """A draft is created from the version in force (`tor_revision_create`); its clauses change
    through the clause services; adoption follows the Partners Board's decision. A version no
    longer in drafting (on the ballot, in force, superseded, rejected, withdrawn) is read only,
    except for the versions of its title and summary in other languages (content_translate)."""

    translate_service = staticmethod(gov.content_translate)

    list_display = ["number", "title", "status", "adopted_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "adopted_note"]
    date_hierarchy = "created_at"
    inlines = [ClauseInline]
    actions = ["withdraw"]
    LIFECYCLE_FIELDS = [
        "number",
        "status",
        "based_on",
        "comment_deadline",
        "adopted_on",
        "adopted_by_decision",
        "adopted_note",
        "created_by",
        "created_at",
        "drafting_pages",
    ]

    @admin.display(description=_("Drafting"))
    def drafting_pages(self, obj):
        if obj.pk is None:
            return "—"
        if obj.is_editable:
            url = reverse("governance:tor_draft", args=[obj.number])
            return portal_link(
                url, _("Edit the clauses, open the comment period or the ballot on the portal")
            )
        return portal_link(reverse("governance:tor_version", args=[obj.number]), _("Read it on the portal"))

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["summary"]  # a draft starts as a copy of the version in force
        return ["title", "summary", *self.LIFECYCLE_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return [*self.LIFECYCLE_FIELDS, "title_en", "summary_en"]
        return [] if obj is None else self.LIFECYCLE_FIELDS

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def has_delete_permission(self, request, obj=None):
        return False  # a draft is withdrawn, the record stays

    def save_model(self, request, obj, form, change):
        if change:
            if obj.is_editable and form.changed_data:
                super().save_model(request, obj, form, change)  # title, summary of a draft
            return
        with original_language():
            copy_saved(obj, gov.tor_revision_create(by=request.user, summary=obj.summary_en or ""))

    withdraw = service_action(
        _("Withdraw the selected drafts (they never go to the ballot)"),
        gov.tor_revision_withdraw,
        param="tor_version",
        done=_("drafts withdrawn"),
        lifecycle=TOR_LIFECYCLE,
        name="withdraw",
    )


@admin.register(Clause)
class ClauseAdmin(TranslatedContentAdmin, ServiceAdmin):
    """A draft's clause text and heading change through `clause_edit`; inserting, moving and
    renumbering are on the portal's drafting page. Clauses of other versions are read only, except
    for their versions in other languages (content_translate): the ToR in force gets its French…"""

    translate_service = staticmethod(gov.content_translate)

    list_display = ["key", "tor_version", "kind", "section", "short_text"]
    list_select_related = ["tor_version"]
    list_filter = ["kind", "tor_version"]
    search_fields = ["key", "text", "section"]
    ordering = ["-tor_version__number", "position"]
    fields = ["tor_version", "position", "kind", "number", "letter", "key", "section", "text"]
    readonly_fields = ["tor_version", "position", "kind", "number", "letter", "key"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.tor_version.is_editable:
            return [*self.readonly_fields, "section_en", "text_en"]
        return self.readonly_fields

    @admin.display(description=_("Text"))
    def short_text(self, obj):
        return obj.text[:120]

    def has_add_permission(self, request, *args):
        return False  # insert clauses on the portal's drafting page (clause_insert)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.tor_version.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if obj.tor_version.is_editable and form.changed_data:
            with original_language():
                gov.clause_edit(
                    by=request.user, clause=obj, text=obj.text_en or "", section=obj.section_en or ""
                )

    def delete_model(self, request, obj):
        gov.clause_delete(by=request.user, clause=obj)

    def delete_queryset(self, request, queryset):
        for clause in queryset.select_related("tor_version"):
            if Clause.objects.filter(pk=clause.pk).exists():  # sub-clauses go with their clause
                gov.clause_delete(by=request.user, clause=clause)


@admin.register(ToRComment)
class ToRCommentAdmin(RegisterAdmin):
    list_display = ["author", "tor_version", "clause", "partner", "handling", "created_at"]
    list_select_related = ["author", "tor_version", "clause", "partner"]
    list_filter = ["handling", "tor_version"]
    search_fields = ["text", "handling_note", "author__last_name", "author__username"]
    autocomplete_fields = ["author", "handled_by", "partner"]
    raw_id_fields = ["tor_version", "clause"]
    date_hierarchy = "created_at"


# Decisions and ballots -------------------------------------------------------------------------


class BallotInline(ReadOnlyInline):
    """Ballots are cast by focal points on the portal; here they are only read."""

    select_related = ("partner", "cast_by")
    model = Ballot
    fields = ["partner", "choice", "cast_by", "cast_at", "receipt_code"]


class DecisionActionForm(ActionForm):
    """The action bar of ballots: the new deadline (to extend) and the reason the Partners are told."""

    deadline = forms.DateTimeField(
        required=False,
        label=_("New deadline (to extend)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Reason (told to the Partners)"),
        widget=forms.TextInput(attrs={"size": 50}),
    )


# What the Secretariat types when it opens a ballot (decision_open); the rest is the record.
DECISION_OPENING_FIELDS = [
    "kind",
    "question",
    "description",
    "rule",
    "deadline",
    "tor_version",
    "nomination",
    "deliverable",
    "hub",
    "workplan",
]


class DecisionAddForm(forms.ModelForm):
    unhandled_comments_confirmed = forms.BooleanField(
        required=False,
        label=_("Put a ToR draft to the ballot although some comments are still “Not yet handled”"),
    )

    class Meta:
        model = Decision
        fields = DECISION_OPENING_FIELDS


@admin.register(Decision)
class DecisionAdmin(ServiceAdmin):
    """A ballot is opened through `decision_open` (the add form here, or the portal's form) and
    closed through `decision_close`, which counts once and applies the effect. Once open, the
    question, the rule, the targets, the result and the tally are the record: read only."""

    list_display = ["question", "kind", "rule", "status", "deadline", "result"]
    list_filter = ["kind", "status", "rule", "result"]
    search_fields = ["question", "description"]
    raw_id_fields = ["tor_version", "nomination", "deliverable", "hub", "workplan", "meeting"]
    date_hierarchy = "created_at"
    inlines = [BallotInline]
    actions = ["close_and_count", "extend_deadline", "withdraw_ballot"]
    action_form = DecisionActionForm
    OPENING_FIELDS = DECISION_OPENING_FIELDS
    LIFECYCLE_FIELDS = ["status", "opens_at", "closed_at", "result", "tally", "created_by", "created_at"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = DecisionAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*self.OPENING_FIELDS, "unhandled_comments_confirmed"]
        return [*self.OPENING_FIELDS, "meeting", *self.LIFECYCLE_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.LIFECYCLE_FIELDS

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != Decision.Status.DRAFT:
            return False  # open, closed or cancelled: the record is read only
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # a draft that was never opened
            return
        decision = gov.decision_open(
            by=request.user,
            kind=obj.kind,
            question=obj.question,
            deadline=obj.deadline,
            rule=obj.rule,
            description=obj.description,
            tor_version=obj.tor_version,
            nomination=obj.nomination,
            deliverable=obj.deliverable,
            hub=obj.hub,
            workplan=obj.workplan,
            unhandled_comments_confirmed=form.cleaned_data.get("unhandled_comments_confirmed", False),
        )
        copy_saved(obj, decision)

    @lifecycle_action(DECISION_LIFECYCLE, "close")
    @admin.action(description=_("Close and count (deadline passed, or every current Partner voted)"))
    def close_and_count(self, request, queryset):
        run_available(
            self,
            request,
            queryset,
            lifecycle=DECISION_LIFECYCLE,
            name="close",
            action=lambda d: gov.decision_close(by=request.user, decision=d),
            done=_("ballots closed and counted"),
        )

    def _typed(self, request) -> DecisionActionForm:
        form = DecisionActionForm(request.POST)
        form.is_valid()
        return form

    @lifecycle_action(DECISION_LIFECYCLE, "extend")
    @admin.action(description=_("Extend the deadline (give the new deadline and the reason)"))
    def extend_deadline(self, request, queryset):
        form = self._typed(request)
        deadline = form.cleaned_data.get("deadline")
        if deadline is None:
            self.message_user(request, gettext("Give the new deadline in the action bar."), messages.ERROR)
            return
        reason = form.cleaned_data.get("reason", "")
        run_available(
            self,
            request,
            queryset,
            lifecycle=DECISION_LIFECYCLE,
            name="extend",
            action=lambda d: gov.decision_extend(
                by=request.user, decision=d, deadline=deadline, reason=reason
            ),
            done=_("ballots extended; their focal points are told"),
        )

    @lifecycle_action(DECISION_LIFECYCLE, "withdraw")
    @admin.action(description=_("Withdraw the ballot (give the reason)"))
    def withdraw_ballot(self, request, queryset):
        reason = self._typed(request).cleaned_data.get("reason", "")
        run_available(
            self,
            request,
            queryset,
            lifecycle=DECISION_LIFECYCLE,
            name="withdraw",
            action=lambda d: gov.decision_withdraw(by=request.user, decision=d, reason=reason),
            done=_("ballots withdrawn; their focal points are told"),
        )


@admin.register(Nomination)
class NominationAdmin(RegisterAdmin):
    list_display = ["nominee", "role", "nominated_by", "proposed_by", "created_at"]
    list_select_related = ["nominee", "nominated_by", "proposed_by"]
    list_filter = ["role", "nominated_by"]
    search_fields = ["nominee__first_name", "nominee__last_name", "nominee__username", "statement"]
    autocomplete_fields = ["nominee", "nominated_by", "proposed_by"]
    date_hierarchy = "created_at"


@admin.register(Ballot)
class BallotAdmin(RegisterAdmin):
    """Ballots are the Partners' votes: the Secretariat reads them, it does not write them."""

    list_display = ["decision", "partner", "choice", "cast_by", "cast_at", "receipt_code"]
    list_select_related = ["decision", "partner", "cast_by"]
    list_filter = ["choice", "partner"]
    search_fields = ["decision__question", "partner__acronym", "receipt_code"]
    date_hierarchy = "cast_at"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Other registers -----------------------------------------------------------------------------


@admin.register(Hub)
class HubAdmin(ServiceAdmin):
    """A Hub is approved by the Partners Board (ToR 30): open a Hub-approval decision on the
    portal; the adopted decision approves it. The Secretariat records a closing here."""

    list_display = ["name", "country", "city", "partner", "status", "approved_on", "last_annual_report_on"]
    list_select_related = ["partner"]
    list_filter = ["status", "partner", "country"]
    search_fields = ["name", "country", "city", "description"]
    autocomplete_fields = ["partner", "contact"]
    readonly_fields = ["status", "approved_on"]
    date_hierarchy = "approved_on"
    actions = ["close"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        fields = [*self.readonly_fields, "partner"]  # the Partner is what the Board decides on
        if "put_to_board" in HUB_LIFECYCLE.available(obj, request.user):
            fields.append("approval")  # the link only while the lifecycle offers it (a requested Hub)
        return fields

    def has_delete_permission(self, request, obj=None):
        return False  # a Hub is rejected or closed, the record stays

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # name, place, contact, description
            return
        # Typed by the Secretariat: the same request as the portal's, with its checks and its emails
        # (the Secretariat and the Partner's focal points); the Partners Board then decides (ToR 30).
        hub = gov.hub_request(
            by=request.user,
            name=obj.name,
            country=obj.country,
            city=obj.city,
            partner=obj.partner,
            description=obj.description,
            contact=obj.contact,
        )
        copy_saved(obj, hub)

    @admin.display(description=_("Approval"))
    def approval(self, obj):
        url = f"{reverse('governance:decision_open')}?kind={Decision.Kind.HUB_APPROVAL}"
        return portal_link(url, HUB_LIFECYCLE.action("put_to_board").label)

    close = service_action(
        _("Record the selected Hubs as closed"),
        gov.hub_close,
        param="hub",
        done=_("Hubs closed"),
        lifecycle=HUB_LIFECYCLE,
        name="close",
    )


@admin.register(LogoUseRequest)
class LogoUseRequestAdmin(ServiceAdmin):
    """Logo use is approved or refused by the Secretariat through the services (ToR 36); the
    IP Leader's use needs the Secretariat's written agreement (Annex I)."""

    list_display = [
        "organisation",
        "requester",
        "status",
        "written_agreement",
        "use_from",
        "use_until",
        "created_at",
    ]
    list_select_related = ["requester"]
    list_filter = ["status", "written_agreement"]
    search_fields = ["organisation", "purpose", "requester__last_name", "requester__username"]
    autocomplete_fields = ["requester"]
    readonly_fields = ["status", "written_agreement", "decided_by", "decided_on", "created_at"]
    date_hierarchy = "created_at"
    actions = ["approve", "approve_with_written_agreement", "refuse"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not LOGO_USE_LIFECYCLE.available(obj, request.user):
            return False  # decided (nothing left to approve or refuse): the record stays as decided
        return super().has_change_permission(request, obj)

    approve = service_action(
        _("Approve the selected logo uses (ToR 36)"),
        gov.logo_use_approve,
        param="logo_request",
        done=_("logo uses approved"),
        lifecycle=LOGO_USE_LIFECYCLE,
        name="approve",
    )

    approve_with_written_agreement = service_action(
        _("Approve with the Secretariat's written agreement (IP Leader, Annex I)"),
        gov.logo_use_approve,
        param="logo_request",
        done=_("logo uses approved with written agreement"),
        lifecycle=LOGO_USE_LIFECYCLE,
        name="approve",
        written_agreement=True,
    )

    refuse = service_action(
        _("Refuse the selected logo uses"),
        gov.logo_use_refuse,
        param="logo_request",
        done=_("logo uses refused"),
        lifecycle=LOGO_USE_LIFECYCLE,
        name="refuse",
    )


@admin.register(ExternalEngagementNotice)
class ExternalEngagementNoticeAdmin(RegisterAdmin):
    list_display = ["event", "person", "kind", "takes_place_on", "venue", "acknowledged"]
    list_select_related = ["person"]
    list_filter = ["kind", ("acknowledged_by", admin.EmptyFieldListFilter)]
    search_fields = ["event", "venue", "description", "person__last_name", "person__username"]
    autocomplete_fields = ["person", "acknowledged_by"]
    date_hierarchy = "created_at"

    @admin.display(description=_("Acknowledged"), boolean=True)
    def acknowledged(self, obj):
        return obj.acknowledged_by_id is not None


@admin.register(CommunicationReview)
class CommunicationReviewAdmin(RegisterAdmin):
    list_display = ["title", "submitted_by", "status", "reviewed_by", "created_at"]
    list_select_related = ["submitted_by", "reviewed_by"]
    list_filter = ["status"]
    search_fields = ["title", "text", "review_note"]
    autocomplete_fields = ["submitted_by", "reviewed_by"]
    date_hierarchy = "created_at"


@admin.register(JoinRequest)
class JoinRequestAdmin(RegisterAdmin):
    list_display = ["name", "organisation", "kind", "email_link", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "email", "organisation", "message"]
    autocomplete_fields = ["handled_by"]
    date_hierarchy = "created_at"

    @admin.display(description=_("Email"), ordering="email")
    def email_link(self, obj):
        return format_html('<a href="mailto:{}">{}</a>', obj.email, obj.email)

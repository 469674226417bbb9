"""Forms of the ToR revision and decision pages. They parse input; services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance import decision_kinds
from governance.groups import thematic_groups
from governance.models import (
    Clause,
    Decision,
    ExternalEngagementNotice,
    Hub,
    Mandate,
    Partner,
    ToRComment,
    ToRVersion,
)
from governance.services.decisions import RULE_EXPLANATIONS, allowed_choices
from kernel.bounds import COMMENT_MAX_CHARS, PLAUSIBLE_DATE, TEXT_MAX_CHARS
from kernel.content_language import shown
from people.models import Invitation


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _deadline_field(label: str, help_text: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        validators=PLAUSIBLE_DATE,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=help_text,
    )


def _clause_choice_label(clause: Clause) -> str:
    words = clause.text.split()
    excerpt = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    return f"{clause.label} — {excerpt}"


class ClauseSelect(forms.Select):
    """A clause's option carries `lang="en"` when its excerpt is the English original shown for want
    of a version in the reader's language (as `{% content %}` marks it on the pages)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        clause = getattr(value, "instance", None)
        if clause is not None:
            text = shown(clause, "text")
            if text.fallback:
                option["attrs"]["lang"] = text.lang
        return option


class AfterClauseField(forms.ModelChoiceField):
    widget = ClauseSelect

    def label_from_instance(self, obj):
        return _clause_choice_label(obj)


def _after_field(version: ToRVersion, *, exclude: list[int] | None = None) -> AfterClauseField:
    queryset = version.clauses.order_by("position")
    if exclude:
        queryset = queryset.exclude(pk__in=exclude)
    return AfterClauseField(
        queryset=queryset,
        required=False,
        label=_("Place after"),
        empty_label=_("At the very beginning"),
        help_text=_("The clause it follows in the document."),
    )


class DraftCreateForm(forms.Form):
    summary = forms.CharField(
        label=_("What this revision is for"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown with the draft to the Partners and the Management Team."),
    )


class ClauseEditForm(forms.Form):
    section = forms.CharField(label=_("Section"), max_length=200)
    text = forms.CharField(
        label=_("Text of the clause"), max_length=TEXT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 8})
    )


class ClauseRenumberForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20, help_text=_("Digits for clauses, e.g. 12."))
    letter = forms.CharField(
        label=_("Letter"),
        max_length=2,
        required=False,
        help_text=_("For a sub-clause only, e.g. b for 12(b)."),
    )


class ClauseMoveForm(forms.Form):
    def __init__(self, *args, version: ToRVersion, clause: Clause, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"] = _after_field(version, exclude=[clause.pk])


class ClauseInsertForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to insert"), choices=Clause.Kind.choices, initial=Clause.Kind.CLAUSE
    )
    number = forms.CharField(
        label=_("Number"), max_length=20, help_text=_("Clause number (12), annex (II) or footnote (3).")
    )
    letter = forms.CharField(
        label=_("Letter"), max_length=2, required=False, help_text=_("Sub-clauses only, e.g. b.")
    )
    section = forms.CharField(
        label=_("Section"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the section of the clause before it."),
    )
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, version: ToRVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["after"] = _after_field(version)
        self.order_fields(["after", "kind", "number", "letter", "section", "text"])


class CommentPeriodForm(forms.Form):
    deadline = _deadline_field(_("Comments close at"), _("Geneva time. After it, commenting is refused."))


class ToRCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, version: ToRVersion, **kwargs):
        super().__init__(*args, **kwargs)
        field = AfterClauseField(
            queryset=version.clauses.order_by("position"),
            required=False,
            label=_("On"),
            empty_label=_("The whole draft"),
        )
        self.fields["clause"] = field
        self.order_fields(["clause", "text"])


class ClauseCommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment on this clause"), widget=forms.Textarea(attrs={"rows": 5}))


class CommentHandleForm(forms.Form):
    handling = forms.ChoiceField(
        label=_("How it was handled"),
        choices=[c for c in ToRComment.Handling.choices if c[0] != ToRComment.Handling.PENDING],
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def _rule_choices():
    return [(value, f"{label}: {RULE_EXPLANATIONS[value]}") for value, label in Decision.Rule.choices]


class ToRBallotForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    rule = forms.ChoiceField(
        label=_("Rule"),
        choices=_rule_choices,
        initial=Decision.Rule.SIMPLE_MAJORITY,
        widget=forms.RadioSelect,
    )
    deadline = _deadline_field(_("Voting closes at"), _("Geneva time. The result is counted at this moment."))
    description = forms.CharField(
        label=_("Explanation"),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    unhandled_comments_confirmed = forms.BooleanField(
        label=_("Put the draft to the ballot although some comments are still “Not yet handled”"),
        required=False,
        help_text=_("Only if you mean to: otherwise record how each comment was handled first."),
    )


class NominationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nominee.get_full_name() or obj.nominee} for {obj.get_role_display()} (nominated by {obj.nominated_by})"


class DecisionOpenForm(forms.Form):
    KINDS = [
        (k, label)
        for k, label in Decision.Kind.choices
        if k != Decision.Kind.WORKPLAN  # the workplan is agreed at the annual meeting (ToR 10d)
    ]
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=KINDS)
    question = forms.CharField(label=_("Question"), max_length=300)
    description = forms.CharField(
        label=_("Explanation"),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    rule = forms.ChoiceField(
        label=_("Rule"),
        choices=_rule_choices,
        initial=Decision.Rule.SIMPLE_MAJORITY,
        widget=forms.RadioSelect,
    )
    deadline = _deadline_field(_("Voting closes at"), _("Geneva time. The result is counted at this moment."))
    tor_version = forms.ModelChoiceField(
        queryset=ToRVersion.objects.none(), required=False, label=_("ToR draft (for a ToR revision)")
    )
    nomination = NominationChoiceField(
        queryset=None, required=False, label=_("Nomination (for a Chair or Vice-Chair appointment)")
    )
    deliverable = forms.ModelChoiceField(
        queryset=Decision.objects.none(), required=False, label=_("Deliverable (for a deliverable approval)")
    )
    hub = forms.ModelChoiceField(
        queryset=Hub.objects.none(), required=False, label=_("Hub (for a Hub approval)")
    )
    unhandled_comments_confirmed = forms.BooleanField(
        label=_("Put the draft to the ballot although some comments are still “Not yet handled”"),
        required=False,
        help_text=_("Only if you mean to: otherwise record how each comment was handled first."),
    )

    def __init__(self, *args, **kwargs):
        from governance import selectors

        super().__init__(*args, **kwargs)
        self.fields["tor_version"].queryset = selectors.tor_drafts_for_ballot()
        self.fields["nomination"].queryset = selectors.nominations_open()
        # What may be put to a vote is said by the app that owns deliverables (decision_kinds).
        self.fields["deliverable"].queryset = decision_kinds.subjects(Decision.Kind.DELIVERABLE_APPROVAL)
        self.fields["hub"].queryset = Hub.objects.filter(status=Hub.Status.REQUESTED)


REASON_MAX = 2000


class DecisionExtendForm(forms.Form):
    deadline = _deadline_field(_("New deadline"), _("Geneva time. Later than the current deadline."))
    reason = forms.CharField(
        label=_("Why the ballot is extended"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Every focal point is told, with this reason."),
    )


class DecisionWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the ballot is withdrawn"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nothing is counted; every focal point is told, with this reason."),
    )


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your Partner's vote"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    partner = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, decision: Decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = allowed_choices(decision.rule)


class NominationForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Mandate.Role.CHAIR, _("Chair")), (Mandate.Role.VICE_CHAIR, _("Vice-Chair"))],
    )
    nominee_email = forms.EmailField(
        label=_("Candidate's email address"), help_text=_("The candidate needs an account in the portal.")
    )
    statement = forms.CharField(
        label=_("Why this candidate"),
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean_nominee_email(self):
        email = self.cleaned_data["nominee_email"]
        Person = get_user_model()
        nominee = Person.objects.filter(Q(email__iexact=email), is_active=True).first()
        if nominee is None:
            raise forms.ValidationError(gettext("No active portal account has this email address."))
        self.nominee = nominee
        return email


def default_deadline(days: int = 14):
    return (timezone.localtime() + dt.timedelta(days=days)).replace(second=0, microsecond=0)


# Requests from the portal: logo use (ToR 36), Hubs (ToR 30), external engagement (ToR 37-38) ------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, validators=PLAUSIBLE_DATE, required=False, widget=DATE_INPUT, help_text=help_text
    )


class LogoUseRequestForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation that will use the logo"),
        max_length=200,
        help_text=_("Yours, or the one you ask for."),
    )
    purpose = forms.CharField(
        label=_("What the logo is for"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The publication, event, website or material, and how the logo appears on it."),
    )
    use_from = _date_field(_("From"), _("Leave empty if the use starts as soon as it is approved."))
    use_until = _date_field(_("Until"), _("Leave empty for a single use or if there is no end date."))


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.acronym})"


class HubRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the Hub"), max_length=200, help_text=_("For example: U4SSC Norway Hub.")
    )
    country = forms.CharField(label=_("Country"), max_length=100)
    city = forms.CharField(
        label=_("City"), max_length=100, required=False, help_text=_("Leave empty for a country-wide Hub.")
    )
    partner = PartnerChoiceField(
        queryset=Partner.objects.none(),
        label=_("U4SSC Partner it will work with"),
        empty_label=_("Choose a Partner"),
        help_text=_("Each Hub works in collaboration with one of the U4SSC Partners (ToR 30)."),
    )
    description = forms.CharField(
        label=_("About the Hub"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "Who is behind it, the cities, companies and universities it will connect, and its first plans."
        ),
    )

    def __init__(self, *args, **kwargs):
        from governance.partner_selectors import partner_list_current

        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_list_current().order_by("name")


class EngagementNoticeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What you are telling the Secretariat"),
        choices=ExternalEngagementNotice.Kind.choices,
        initial=ExternalEngagementNotice.Kind.PRESENTATION,
        widget=forms.RadioSelect,
    )
    event = forms.CharField(
        label=_("Event, forum or publication"),
        max_length=200,
        help_text=_("For example: Smart City Expo World Congress 2027, or the journal and article."),
    )
    takes_place_on = _date_field(
        _("Date"), _("When you present, or when the work appeared. A presentation is announced in advance.")
    )
    venue = forms.CharField(label=_("Venue or place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Details"),
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("What you will present or what was shared, and on whose behalf."),
    )


# Leaders' appointments (ToR 19) ------------------------------------------------------------------


class LeaderProposalForm(forms.Form):
    """The Chair proposes a Leader for a Thematic Group; the Secretariat concurs (ToR 19)."""

    nominee_email = forms.EmailField(
        label=_("Email address of the person you appoint"),
        help_text=_("The person needs an account in the portal (the Secretariat invites newcomers)."),
    )
    starts_on = forms.DateField(
        label=_("Mandate starts on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty: the mandate starts when the Secretariat concurs, for two years (ToR 28)."),
    )
    renew = forms.BooleanField(
        label=_("This renews the person's current mandate as Leader of this group (it follows it, ToR 28)"),
        required=False,
    )
    notes = forms.CharField(
        label=_("Note to the Secretariat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean_nominee_email(self):
        email = self.cleaned_data["nominee_email"]
        nominee = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if nominee is None:
            raise forms.ValidationError(
                gettext(
                    "No active portal account has this email address: ask the Secretariat to invite the person first."
                )
            )
        self.nominee = nominee
        return email

    def clean_starts_on(self):
        starts_on = self.cleaned_data.get("starts_on")
        if starts_on and starts_on < timezone.localdate():
            raise forms.ValidationError(gettext("A Leader's mandate cannot start in the past."))
        return starts_on


class LeaderDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the Secretariat declines"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The Chair and the person proposed are told."),
    )


# Invitations to a role (governance.services.invitation_send) ---------------------------


def _invite_text(label, *, required: bool = True, max_length: int = 200, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = _invite_text(_("First name"), required=False, max_length=150)
    last_name = _invite_text(_("Last name"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices)
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        required=False,
        queryset=Partner.objects.none(),
        help_text=_("For a focal point: the Partner they will represent."),
    )
    title = _invite_text(
        _("Position in the Partner organisation"),
        required=False,
        help_text=_("For a focal point, e.g. “Programme Officer”."),
    )
    thematic_group = forms.ModelChoiceField(
        label=_("Thematic Group"),
        required=False,
        queryset=None,
        help_text=_("For a Leader: the group they will lead."),
    )
    starts_on = forms.DateField(
        label=_("First day of the mandate"),
        validators=PLAUSIBLE_DATE,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a Leader, Chair, Vice-Chair or IP Leader."),
    )
    ends_on = forms.DateField(
        label=_("First day without the powers"),
        validators=PLAUSIBLE_DATE,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the usual two years (ToR 28)."),
    )
    decided_by = forms.ChoiceField(
        label=_("How the Partners Board decided"),
        required=False,
        choices=[
            ("", _("Not applicable")),
            (Mandate.DecidedBy.ANNUAL_MEETING, Mandate.DecidedBy.ANNUAL_MEETING.label),
            (Mandate.DecidedBy.ELECTRONIC, Mandate.DecidedBy.ELECTRONIC.label),
        ],
        help_text=_("For a Chair or Vice-Chair (ToR 13a, 15)."),
    )
    message = forms.CharField(
        label=_("Personal note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Included in the email."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["partner"].queryset = Partner.objects.current(on=today).order_by("acronym")
        # Thematic Groups sit above governance: their app installs them (governance/groups.py).
        self.fields["thematic_group"].queryset = thematic_groups().order_by("title")
        self.fields["starts_on"].initial = today

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Invitation.Role.FOCAL_POINT and not data.get("partner"):
            self.add_error("partner", _("Choose the Partner the person will represent."))
        if role == Invitation.Role.LEADER and not data.get("thematic_group"):
            self.add_error("thematic_group", _("Choose the Thematic Group the Leader will lead."))
        if role and role != Invitation.Role.FOCAL_POINT and not data.get("starts_on"):
            self.add_error("starts_on", _("Give the first day of the mandate."))
        if role in (Invitation.Role.CHAIR, Invitation.Role.VICE_CHAIR) and not data.get("decided_by"):
            self.add_error("decided_by", _("Say how the Partners Board decided."))
        return data

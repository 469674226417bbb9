"""Forms: parse and label input; the rules live in the services."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.bounds import BODY_MAX_CHARS, COMMENT_MAX_CHARS, PLAUSIBLE_DATE, TEXT_MAX_CHARS
from thematic_groups.models import Deliverable, DeliverableComment, TeamMember, WorkplanItem
from thematic_groups.services import FINAL_DRAFT_KINDS, FINAL_DRAFT_RULE

DATE = forms.DateInput(attrs={"type": "date"})


class DeliverableSearchForm(forms.Form):
    q = forms.CharField(label=_("Search deliverables"), required=False, max_length=200)
    group = forms.ChoiceField(label=_("Thematic Group"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Deliverable.Type.choices]
    )
    year = forms.ChoiceField(label=_("Year of publication"), required=False)

    def __init__(self, *args, groups=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
        self.fields["group"].choices = [("", gettext("All groups")), *[(g.slug, g.title) for g in groups]]
        self.fields["year"].choices = [("", gettext("All years")), *[(str(y), str(y)) for y in years]]


class DeliverableProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    type = forms.ChoiceField(label=_("Type of deliverable"), choices=Deliverable.Type.choices)
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea, max_length=TEXT_MAX_CHARS)
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea, max_length=TEXT_MAX_CHARS)
    summary = forms.CharField(
        label=_("Short summary"), widget=forms.Textarea, required=False, max_length=TEXT_MAX_CHARS
    )
    working_group = forms.ModelChoiceField(label=_("Working group"), queryset=None, required=False)
    starts_on = forms.DateField(validators=PLAUSIBLE_DATE, label=_("Work starts on"), widget=DATE)
    final_draft_due = forms.DateField(
        validators=PLAUSIBLE_DATE, label=_("Final draft due on"), widget=DATE, required=False
    )
    publication_due = forms.DateField(
        validators=PLAUSIBLE_DATE, label=_("Planned publication on"), widget=DATE
    )

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = group.working_groups.all() if group else None
        if group is None or not group.working_groups.exists():
            del self.fields["working_group"]


# The annual meetings a form offers (ToR 10, 19). Meetings sit above this app: the meetings app
# installs the answer from its AppConfig.ready() (`set_annual_meetings`); until then none is offered.
_annual_meetings: Callable[[], QuerySet] | None = None


def set_annual_meetings(queryset: Callable[[], QuerySet]) -> None:
    global _annual_meetings
    _annual_meetings = queryset


def annual_meetings() -> QuerySet | None:
    """The annual meetings, latest first (None until the meetings app installed them)."""
    return _annual_meetings() if _annual_meetings is not None else None


class ApprovalForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Annual meeting that approved it"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        held = annual_meetings()
        if held is not None:
            held = held.filter(starts_at__date__lte=timezone.localdate())
        self.fields["meeting"].queryset = held


class FinalDraftForm(forms.Form):
    review_deadline = forms.DateTimeField(
        validators=PLAUSIBLE_DATE,
        label=_("End of the final-draft review"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        required=False,
        help_text=_("Two weeks from today if left empty."),
    )


class TextForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, max_length=TEXT_MAX_CHARS)
    body = forms.CharField(
        label=_("Published text"), widget=forms.Textarea(attrs={"rows": 20}), max_length=BODY_MAX_CHARS
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is withdrawn (shown on its page)"),
        widget=forms.Textarea,
        max_length=COMMENT_MAX_CHARS,
    )


class VersionUploadForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF, DOCX or ODT)"))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class CommentForm(forms.Form):
    """On a final draft the kinds are limited to factual and editorial (MR 3.6)."""

    kind = forms.ChoiceField(label=_("Kind of comment"), choices=DeliverableComment.Kind.choices)
    version = forms.ModelChoiceField(label=_("On version"), queryset=None, required=False)
    location = forms.CharField(
        label=_("Where in the document (optional)"),
        max_length=200,
        required=False,
        help_text=_("A section, page or paragraph, e.g. “Section 3.2, page 14”."),
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea, max_length=COMMENT_MAX_CHARS)

    def __init__(self, *args, deliverable: Deliverable, **kwargs):
        super().__init__(*args, **kwargs)
        self.deliverable = deliverable
        self.fields["version"].queryset = deliverable.versions.order_by("-number")
        self.fields["version"].label_from_instance = lambda v: (
            gettext("Version %(number)s") % {"number": v.number}
        )
        if deliverable.status == Deliverable.Status.FINAL_DRAFT:
            self.fields["kind"].choices = [
                (value, label)
                for value, label in DeliverableComment.Kind.choices
                if value in FINAL_DRAFT_KINDS
            ]
            self.fields["kind"].help_text = gettext(FINAL_DRAFT_RULE)

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.deliverable.status == Deliverable.Status.FINAL_DRAFT and kind not in FINAL_DRAFT_KINDS:
            raise forms.ValidationError(gettext(FINAL_DRAFT_RULE))
        return kind


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title of the call"), max_length=250)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, max_length=TEXT_MAX_CHARS)
    expertise_sought = forms.CharField(
        label=_("Expertise sought"), widget=forms.Textarea, required=False, max_length=TEXT_MAX_CHARS
    )
    closes_on = forms.DateField(validators=PLAUSIBLE_DATE, label=_("Closes on"), widget=DATE)


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Your expertise and motivation"), widget=forms.Textarea, max_length=COMMENT_MAX_CHARS
    )


class SignupForm(forms.Form):
    message = forms.CharField(
        label=_("What you would like to contribute (optional)"),
        widget=forms.Textarea,
        required=False,
        max_length=COMMENT_MAX_CHARS,
    )


class TeamAddForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the team"), choices=TeamMember.Role.choices)


class WorkplanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period = forms.CharField(label=_("Period"), max_length=40, help_text=_('For example "2020-2021".'))
    inputs_deadline = forms.DateTimeField(
        validators=PLAUSIBLE_DATE,
        label=_("Deadline for inputs"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        required=False,
    )


class WorkplanInputForm(forms.Form):
    text = forms.CharField(
        label=_("Your input to the workplan"), widget=forms.Textarea, max_length=COMMENT_MAX_CHARS
    )


class WorkplanItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkplanItem.Kind.choices)
    deliverable = forms.ModelChoiceField(
        label=_("Deliverable"),
        queryset=Deliverable.objects.none(),
        required=False,
        help_text=_("A deliverable brings its title, group and timeline."),
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    owner = forms.CharField(label=_("Owner (who is responsible)"), max_length=200, required=False)
    starts_on = forms.DateField(validators=PLAUSIBLE_DATE, label=_("Starts on"), widget=DATE, required=False)
    ends_on = forms.DateField(validators=PLAUSIBLE_DATE, label=_("Ends on"), widget=DATE, required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea, required=False, max_length=TEXT_MAX_CHARS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable"].queryset = Deliverable.objects.exclude(
            status=Deliverable.Status.WITHDRAWN
        ).select_related("thematic_group")


class WorkplanReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Review note"), widget=forms.Textarea, required=False, max_length=COMMENT_MAX_CHARS
    )
    decision = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("approve", _("Cleared for the annual meeting")),
            ("return", _("Sent back to the Secretariat")),
        ],
        widget=forms.RadioSelect,
    )


class WorkplanPresentedForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Annual meeting"), queryset=None, required=False)
    on = forms.DateField(validators=PLAUSIBLE_DATE, label=_("Presented on"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = annual_meetings()


class WorkplanAgreedForm(forms.Form):
    note = forms.CharField(label=_("How the Partners agreed it"), max_length=300)
    on = forms.DateField(validators=PLAUSIBLE_DATE, label=_("Agreed on"), widget=DATE, required=False)

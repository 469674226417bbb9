from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.bounds import COMMENT_MAX_CHARS
from kpis.models import KpiValue


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(
        label=_("Filled template (.xlsx or .csv)"),
        help_text=_("Every row is checked; nothing is saved unless the whole sheet is valid."),
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"), help_text=_("PDF, Word, OpenDocument, spreadsheet or image.")
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT_MAX_CHARS
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}), max_length=COMMENT_MAX_CHARS
    )


class VerdictForm(forms.Form):
    verified = forms.TypedChoiceField(
        label=_("Verified?"),
        choices=[("yes", _("Yes, verified")), ("no", _("No, not verified"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=COMMENT_MAX_CHARS,
        help_text=_("Needed when it is not verified."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the data goes back to the city"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=COMMENT_MAX_CHARS,
    )


def consent_form(values: list[KpiValue], data=None) -> forms.Form:
    """One choice per reported KPI of a cycle."""
    fields = {
        v.kpi.code: forms.ChoiceField(
            label=f"{v.kpi.code} {v.kpi.name}",
            choices=KpiValue.Consent.choices,
            initial=v.consent,
            widget=forms.RadioSelect,
            help_text=_("Sensitive: never public, whatever is chosen.") if v.sensitive else "",
        )
        for v in values
    }
    form_class = type("ConsentForm", (forms.Form,), fields)
    return form_class(data=data)

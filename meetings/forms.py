"""Forms parse input only; the services decide."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance.models import Mandate
from kernel.bounds import COMMENT_MAX_CHARS, PLAUSIBLE_DATE, TEXT_MAX_CHARS
from meetings.models import MeetingDecision, Registration
from thematic_groups.models import Deliverable, ThematicGroup, Workplan


@cache
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(
        n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/"))
    )
    return [("UTC", "UTC"), *((n, n.replace("_", " ")) for n in names)]


class PortalForm(forms.Form):
    """Labels without a trailing colon, so that they read (and are found) as written."""

    label_suffix = ""


class RegistrationForm(PortalForm):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    attendance = forms.ChoiceField(
        label=_("I will attend"),
        choices=Registration.Attendance.choices,
        widget=forms.RadioSelect,
        initial=Registration.Attendance.ONLINE,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.update(
                name=user.get_full_name(),
                email=user.email,
                organisation=getattr(user, "organisation", ""),
                country=getattr(user, "country", ""),
            )


class EMeetingForm(PortalForm):
    scope = forms.ChoiceField(
        label=_("E-meeting of"), help_text=_("The Thematic Group or deliverable it is for.")
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(
        validators=PLAUSIBLE_DATE, label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=600, initial=60)
    timezone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Zurich")
    online_link = forms.URLField(
        label=_("Meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("Zoom, Teams, WebEx… (https://…)"),
    )
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea, required=False, max_length=TEXT_MAX_CHARS
    )
    already_held = forms.BooleanField(
        label=_("It already took place (record it as held)"),
        required=False,
        help_text=_("A date before today is accepted only for an e-meeting that already took place."),
    )

    def __init__(self, *args, scopes: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes
        self.fields["timezone"].choices = timezone_choices()

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        tz = zoneinfo.ZoneInfo(data["timezone"])
        starts_at = dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz)
        kwargs = {
            "title": data["title"],
            "starts_at": starts_at,
            "ends_at": starts_at + dt.timedelta(minutes=data["duration"]),
            "timezone_name": data["timezone"],
            "online_link": data["online_link"],
            "agenda": data["agenda"],
            "held": data["already_held"],
        }
        kind, _, pk = data["scope"].partition(":")
        if kind == "group":
            kwargs["thematic_group"] = ThematicGroup.objects.get(pk=pk)
        elif kind == "deliverable":
            kwargs["deliverable"] = Deliverable.objects.select_related("thematic_group").get(pk=pk)
        else:
            kwargs["is_ip_quarterly"] = True
        return kwargs


def _minutes_help_text() -> str:
    return gettext(
        "PDF, Word (DOCX) or OpenDocument (ODT), at most %(size)s MB. Each upload is kept as a new version."
    ) % {"size": settings.U4SSC_MAX_UPLOAD_BYTES // 1_048_576}


class MinutesForm(PortalForm):
    file = forms.FileField(
        label=_("Minutes file"),
        help_text=lazy(_minutes_help_text, str)(),
        allow_empty_file=True,  # the service explains an empty file in its own words
    )


class MarkHeldForm(PortalForm):
    held_on = forms.DateField(
        validators=PLAUSIBLE_DATE, label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class MeetingDecisionForm(PortalForm):
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=MeetingDecision.Kind.choices)
    text = forms.CharField(label=_("What was decided"), widget=forms.Textarea, max_length=COMMENT_MAX_CHARS)
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=None, required=False, empty_label=_("(whole meeting)")
    )
    person = forms.ModelChoiceField(
        label=_("Person appointed or elected"),
        queryset=None,
        required=False,
        help_text=_("For appointments only."),
    )
    role = forms.ChoiceField(
        label=_("Role of the appointment"),
        required=False,
        choices=[("", "—")] + [(r.value, r.label) for r in (Mandate.Role.CHAIR, Mandate.Role.VICE_CHAIR)],
        help_text=_("Leaders are appointed by the Chair with the Secretariat's concurrence (ToR 19)."),
    )
    thematic_group = forms.ModelChoiceField(
        label=_("Thematic Group (Leaders)"), queryset=ThematicGroup.objects.order_by("title"), required=False
    )
    starts_on = forms.DateField(
        validators=PLAUSIBLE_DATE,
        label=_("Mandate starts on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day of the meeting by default."),
    )
    workplan = forms.ModelChoiceField(
        label=_("Workplan agreed"), queryset=Workplan.objects.all(), required=False
    )
    deliverable = forms.ModelChoiceField(
        label=_("Deliverable approved"), queryset=Deliverable.objects.order_by("title"), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = meeting.sessions.all()
        self.fields["person"].queryset = get_user_model().objects.filter(is_active=True, is_former=False)

"""Forms for people and accounts. Thin: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Mandate, Partner
from kernel.bounds import PLAUSIBLE_DATE
from kernel.i18n import own_names
from people.models import Invitation
from thematic_groups.models import ThematicGroup

Person = get_user_model()


def _text(label: str, *, required: bool = True, max_length: int = 200, autocomplete: str = "", help_text=""):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class ProfileFieldsMixin(forms.Form):
    first_name = _text("First name", max_length=150, autocomplete="given-name")
    last_name = _text("Last name", max_length=150, autocomplete="family-name")
    organisation = _text(
        "Organisation",
        autocomplete="organization",
        help_text="The city, university, company, NGO or UN body you work for.",
    )
    country = _text("Country", max_length=100, autocomplete="country-name")


class ParticipantSignupForm(ProfileFieldsMixin):
    """Extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): participants (ToR 21, 24)."""

    expertise = forms.CharField(
        label="Fields of expertise",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: smart city indicators, urban mobility, data governance (ToR 21).",
    )

    def signup(self, request, user) -> None:
        """Called by allauth after the account is saved."""
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.organisation = self.cleaned_data["organisation"].strip()
        user.country = self.cleaned_data["country"].strip()
        user.expertise = self.cleaned_data["expertise"].strip()
        user.save(update_fields=["first_name", "last_name", "organisation", "country", "expertise"])


class ProfileForm(ProfileFieldsMixin):
    organisation = _text("Organisation", required=False, autocomplete="organization")
    country = _text("Country", required=False, max_length=100, autocomplete="country-name")
    expertise = forms.CharField(
        label="Fields of expertise",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    optional_reminders = forms.BooleanField(
        label="Send me optional reminders",
        required=False,
        help_text="Reminders the ToR does not require, such as workplan inputs and overdue minutes.",
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: [("", _("The browser's language")), *own_names()],
        help_text=_("The portal, your emails, reminders and PDFs are in this language once you sign in."),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = _text("First name", required=False, max_length=150)
    last_name = _text("Last name", required=False, max_length=150)
    role = forms.ChoiceField(label="Role", choices=Invitation.Role.choices)
    partner = forms.ModelChoiceField(
        label="Partner",
        required=False,
        queryset=Partner.objects.none(),
        help_text="For a focal point: the Partner they will represent.",
    )
    title = _text(
        "Position in the Partner organisation",
        required=False,
        help_text="For a focal point, e.g. “Programme Officer”.",
    )
    thematic_group = forms.ModelChoiceField(
        label="Thematic Group",
        required=False,
        queryset=ThematicGroup.objects.none(),
        help_text="For a Leader: the group they will lead.",
    )
    starts_on = forms.DateField(
        label="First day of the mandate",
        validators=PLAUSIBLE_DATE,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For a Leader, Chair, Vice-Chair or IP Leader.",
    )
    ends_on = forms.DateField(
        label="First day without the powers",
        validators=PLAUSIBLE_DATE,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for the usual two years (ToR 28).",
    )
    decided_by = forms.ChoiceField(
        label="How the Partners Board decided",
        required=False,
        choices=[
            ("", "Not applicable"),
            (Mandate.DecidedBy.ANNUAL_MEETING, Mandate.DecidedBy.ANNUAL_MEETING.label),
            (Mandate.DecidedBy.ELECTRONIC, Mandate.DecidedBy.ELECTRONIC.label),
        ],
        help_text="For a Chair or Vice-Chair (ToR 13a, 15).",
    )
    message = forms.CharField(
        label="Personal note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Included in the email.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["partner"].queryset = Partner.objects.current(on=today).order_by("acronym")
        self.fields["thematic_group"].queryset = ThematicGroup.objects.order_by("title")
        self.fields["starts_on"].initial = today

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Invitation.Role.FOCAL_POINT and not data.get("partner"):
            self.add_error("partner", "Choose the Partner the person will represent.")
        if role == Invitation.Role.LEADER and not data.get("thematic_group"):
            self.add_error("thematic_group", "Choose the Thematic Group the Leader will lead.")
        if role and role != Invitation.Role.FOCAL_POINT and not data.get("starts_on"):
            self.add_error("starts_on", "Give the first day of the mandate.")
        if role in (Invitation.Role.CHAIR, Invitation.Role.VICE_CHAIR) and not data.get("decided_by"):
            self.add_error("decided_by", "Say how the Partners Board decided.")
        return data


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password (again)",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def check_passwords(self, user) -> None:
        data = self.cleaned_data
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", "The two passwords are not the same.")
            return
        if one:
            try:
                password_validation.validate_password(one, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class AcceptInvitationForm(ProfileFieldsMixin, PasswordPairMixin):
    """A new person sets their name, organisation, country and password."""

    field_order = ["first_name", "last_name", "organisation", "country", "password1", "password2"]

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["first_name"].initial = invitation.first_name
        self.fields["last_name"].initial = invitation.last_name
        if invitation.partner_id:
            self.fields["organisation"].initial = invitation.partner.name

    def clean(self):
        data = super().clean()
        candidate = Person(
            username=self.invitation.email.split("@")[0],
            email=self.invitation.email,
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
        )
        self.check_passwords(candidate)
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm that it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand that my account and personal data will be deleted and that this cannot be undone.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("This is not your password.")
        return password


class ParticipantFilterForm(forms.Form):
    JOINED = [("", "Any time"), ("7", "Last 7 days"), ("30", "Last 30 days"), ("90", "Last 90 days")]
    STATUS = [("", "All accounts"), ("active", "Active"), ("inactive", "Deactivated")]

    joined = forms.ChoiceField(label="Joined", choices=JOINED, required=False)
    status = forms.ChoiceField(label="Status", choices=STATUS, required=False)
    q = forms.CharField(label="Name, email or organisation", required=False, max_length=100)

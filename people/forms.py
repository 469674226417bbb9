"""Forms for people and accounts. Thin: they parse input; the services decide.

The form that invites someone to a role is governance's (`governance.forms.InvitationForm`): the
roles it offers are governance's facts."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.i18n import own_names
from people.models import Invitation

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
    first_name = _text(_("First name"), max_length=150, autocomplete="given-name")
    last_name = _text(_("Last name"), max_length=150, autocomplete="family-name")
    organisation = _text(
        _("Organisation"),
        autocomplete="organization",
        help_text=_("The city, university, company, NGO or UN body you work for."),
    )
    country = _text(_("Country"), max_length=100, autocomplete="country-name")


class ParticipantSignupForm(ProfileFieldsMixin):
    """Extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): participants (ToR 21, 24)."""

    expertise = forms.CharField(
        label=_("Fields of expertise"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: smart city indicators, urban mobility, data governance (ToR 21)."),
    )

    def signup(self, request, user) -> None:
        """Called by allauth after the account is saved: the profile is written by its service."""
        from people.services import person_update_profile  # the services import this module's app

        fields = ("first_name", "last_name", "organisation", "country", "expertise")
        person = person_update_profile(person=user, **{name: self.cleaned_data[name] for name in fields})
        for name in fields:  # allauth goes on with this instance
            setattr(user, name, getattr(person, name))


class ProfileForm(ProfileFieldsMixin):
    organisation = _text(_("Organisation"), required=False, autocomplete="organization")
    country = _text(_("Country"), required=False, max_length=100, autocomplete="country-name")
    expertise = forms.CharField(
        label=_("Fields of expertise"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    optional_reminders = forms.BooleanField(
        label=_("Send me optional reminders"),
        required=False,
        help_text=_("Reminders the ToR does not require, such as workplan inputs and overdue minutes."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=lambda: [("", _("The browser's language")), *own_names()],
        help_text=_("The portal, your emails, reminders and PDFs are in this language once you sign in."),
    )


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def check_passwords(self, user) -> None:
        data = self.cleaned_data
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", gettext("The two passwords are not the same."))
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
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and personal data will be deleted and that this cannot be undone."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("This is not your password."))
        return password


class ParticipantFilterForm(forms.Form):
    JOINED = [
        ("", _("Any time")),
        ("7", _("Last 7 days")),
        ("30", _("Last 30 days")),
        ("90", _("Last 90 days")),
    ]
    STATUS = [("", _("All accounts")), ("active", _("Active")), ("inactive", _("Deactivated"))]

    joined = forms.ChoiceField(label=_("Joined"), choices=JOINED, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS, required=False)
    q = forms.CharField(label=_("Name, email or organisation"), required=False, max_length=100)

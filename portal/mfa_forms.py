"""allauth's forms of the second factor, with the words it leaves in English (issue 13).

allauth's form for adding a passkey or security key gives the key's name no label (Django then
writes "Name" from the field's name, in English whatever the language), and its catalogue has no
Spanish for "Passwordless": both are the portal's catalogue's words here (settings.MFA_FORMS)."""

from __future__ import annotations

from allauth.mfa.webauthn.forms import AddWebAuthnForm as AllauthAddWebAuthnForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AddWebAuthnForm(AllauthAddWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = pgettext_lazy("the name a person gives a passkey or security key", "Name")
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = _("Passwordless")

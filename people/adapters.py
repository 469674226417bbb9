"""django-allauth adapter: account emails read as the portal's, in HTML and plain text."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from people.emails import email_context


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every allauth email gets the portal's name and address for its templates
        (templates/account/email/*_message.txt and *_message.html)."""
        super().send_mail(template_prefix, email, {**email_context(email=email), **context})

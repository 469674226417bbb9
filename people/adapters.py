"""django-allauth adapter: account emails read as the portal's, in HTML and plain text."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

from kernel.ratelimit import client_ip
from people.emails import email_context


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every allauth email gets the portal's name and address for its templates
        (templates/account/email/*_message.txt and *_message.html)."""
        super().send_mail(template_prefix, email, {**email_context(email=email), **context})

    def get_client_ip(self, request) -> str:
        """The address allauth's rate limits count per: the same as axes' and the portal's
        (kernel.ratelimit.client_ip, which reads X-Forwarded-For behind U4SSC_PROXY_COUNT proxies),
        so a room behind nginx is not counted as one address with everyone else."""
        return client_ip(request) or super().get_client_ip(request)

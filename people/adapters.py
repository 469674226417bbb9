"""django-allauth adapter: account emails read as the portal's, in HTML and plain text, and go
through the outbox (kernel/outbox.py) like every other email: queued, sent after commit,
retried while the mail server refuses."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation
from django.utils.html import strip_tags

from kernel import outbox
from kernel.ratelimit import client_ip
from people.emails import email_context


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every allauth email gets the portal's name and address for its templates
        (templates/account/email/*_message.txt and *_message.html). allauth's context holds
        objects and keys, so the email is rendered now and its content kept as a secret of the
        row (cleared once sent)."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update({**email_context(email=email), **context})
        user = context.get("user")
        # In the recipient's language when they chose one (else the page's, which they are on).
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        if getattr(message, "content_subtype", "plain") == "html":
            html, text = message.body, strip_tags(message.body)
        else:
            text = message.body
            html = next(
                (body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"),
                "",
            )
        with transaction.atomic():
            outbox.enqueue_rendered(
                to=user if getattr(user, "email", "").lower() == email.lower() else email,
                subject=message.subject,
                text=text,
                html=html,
                kind="account_" + template_prefix.rsplit("/", 1)[-1],
                language=language,
            )

    def get_client_ip(self, request) -> str:
        """The address allauth's rate limits count per: the same as axes' and the portal's
        (kernel.ratelimit.client_ip, which reads X-Forwarded-For behind U4SSC_PROXY_COUNT proxies),
        so a room behind nginx is not counted as one address with everyone else."""
        return client_ip(request) or super().get_client_ip(request)

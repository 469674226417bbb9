"""Emails from templates, in plain text and HTML, through Django's email backend.

`templates/people/email/<name>_subject.txt`, `<name>_message.txt` and `<name>_message.html`
make one email. The console backend prints them in development (`make run`); production
sends through SMTP set by EMAIL_URL.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

SUBJECT_PREFIX = "[U4SSC] "


def email_context(**extra) -> dict:
    return {"site_name": "U4SSC", "portal_url": settings.SITE_URL.rstrip("/"), **extra}


def render_email(name: str, to: list[str], context: dict) -> EmailMultiAlternatives:
    context = email_context(**context)
    subject = render_to_string(f"people/email/{name}_subject.txt", context)
    subject = SUBJECT_PREFIX + " ".join(subject.split())
    text = render_to_string(f"people/email/{name}_message.txt", context).strip()
    html = render_to_string(f"people/email/{name}_message.html", context).strip()
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    return message


def send_email(name: str, to: list[str], context: dict) -> None:
    """Render and send one email; SMTP errors propagate so a task can retry."""
    render_email(name, to, context).send()

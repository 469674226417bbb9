"""A person's language follows them: signing in switches the portal to it (the language cookie,
kernel/i18n.py). Emails, reminders and PDFs read `person.language` themselves (kernel.outbox)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from kernel.i18n import remember_language


@receiver(user_logged_in, dispatch_uid="people.language.on_sign_in")
def activate_on_sign_in(sender, request, user, **kwargs):
    if request is not None and getattr(user, "language", ""):
        remember_language(request, user.language, activate=False)  # the next page is in it

"""People's emails, sent through the outbox (kernel/outbox.py).

`templates/people/email/<name>_subject.txt`, `<name>_message.txt` and `<name>_message.html`
make one email. The services queue them with `kernel.outbox.enqueue(...)` in their own
transaction; the builders below turn the stored ids into objects when the email is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from kernel import outbox

INVITATION = "people/email/invitation"
ACCOUNT_DELETED = "people/email/account_deleted"


def email_context(**extra) -> dict:
    """What allauth's templates (templates/account/email/) get besides their own context."""
    return {**outbox.base_context(), **extra}


def invitation_url(token: str, site_url: str | None = None) -> str:
    """The link in the email: on the address the Secretariat used (the view passes it), else SITE_URL."""
    return (site_url or settings.SITE_URL).rstrip("/") + reverse("people:invitation_accept", args=[token])


@outbox.context_builder(INVITATION)
def invitation_context(context: dict) -> dict | None:
    """Only the current link of a pending invitation goes: a link replaced by "send again", or an
    invitation revoked or accepted before the email left, is not sent."""
    from people.models import Invitation

    invitation = (
        Invitation.objects.select_related("invited_by", "partner", "thematic_group")
        .filter(pk=context["invitation_id"], status=Invitation.Status.PENDING)
        .first()
    )
    token = context.get("token", "")
    if invitation is None or not token or Invitation.hash_token(token) != invitation.token_hash:
        return None
    return {
        "invitation": invitation,
        "url": invitation_url(token, context.get("site_url")),
        "days": context["days"],
    }

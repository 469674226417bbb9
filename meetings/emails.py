"""Meetings' emails, sent through the outbox (kernel/outbox.py): the "please confirm your address"
email of a registration (at most one per address per day) and the Secretariat's decision on a
registration, which goes only to an address its owner confirmed (DESIGN.md).

The services queue them with `kernel.outbox.enqueue(...)` in their own transaction, storing ids;
the builders below load the objects when the email is sent, or return None when it is no longer
needed (a link used already, a decision changed since).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from kernel import outbox

ADDRESS_CHECK = "meetings/email/registration_address_check"
REGISTRATION_CONFIRMED = "meetings/email/registration_confirmed"
REGISTRATION_DECLINED = "meetings/email/registration_declined"


def address_check_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("meetings:registration_address_confirm", args=[token])


@outbox.context_builder(ADDRESS_CHECK)
def address_check_context(context: dict) -> dict | None:
    """A link already used, or whose registration is gone, is not sent."""
    from meetings.models import AddressCheck

    check = (
        AddressCheck.objects.select_related("registration__meeting")
        .filter(pk=context["address_check_id"], used_at__isnull=True)
        .first()
    )
    token = context.get("token", "")
    if check is None or check.registration is None or AddressCheck.hash_token(token) != check.token_hash:
        return None
    return {
        "check": check,
        "registration": check.registration,
        "meeting": check.registration.meeting,
        "url": address_check_url(token),
        "days": context["days"],
    }


def _decision_context(status: str):
    def build(context: dict) -> dict | None:
        """The decision as it stands when the email leaves: changed since, it is not sent."""
        from meetings.models import Registration

        registration = (
            Registration.objects.select_related("meeting")
            .filter(pk=context["registration_id"], status=status, email_confirmed_at__isnull=False)
            .first()
        )
        if registration is None:
            return None
        meeting = registration.meeting
        return {
            "registration": registration,
            "meeting": meeting,
            "meeting_url": settings.SITE_URL.rstrip("/") + meeting.get_absolute_url(),
        }

    return build


outbox.context_builder(REGISTRATION_CONFIRMED)(_decision_context("confirmed"))
outbox.context_builder(REGISTRATION_DECLINED)(_decision_context("declined"))

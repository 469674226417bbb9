"""Who is told about a Leader's appointment (ToR 19), one function per event.

Each email is rendered by `people.emails.send_email` after the transaction commits, so a refused
or rolled-back appointment tells nobody, and a mail outage never undoes the appointment (it is
logged). The email outbox replaces `_tell` when it lands: the calls stay one per event here.
"""

from __future__ import annotations

import logging
import smtplib

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from governance.models import Mandate

logger = logging.getLogger(__name__)


def _tell(name: str, letters: list[tuple[str, str]], context: dict) -> None:
    """Send `name` to each (address, audience) once the change commits: one email per address."""
    from people.emails import send_email

    seen: set[str] = set()
    letters = [(a, who) for a, who in letters if a and not (a.lower() in seen or seen.add(a.lower()))]

    def send() -> None:
        for address, audience in letters:
            try:
                send_email(name, [address], {**context, "audience": audience})
            except (smtplib.SMTPException, OSError):
                logger.warning("Could not send %s to %s", name, address, exc_info=True)

    transaction.on_commit(send)


def _of(person, audience: str) -> list[tuple[str, str]]:
    return [(person.email, audience)] if person is not None and person.email else []


def _secretariat() -> list[tuple[str, str]]:
    from governance.services.registers import secretariat_emails

    return [(address, "secretariat") for address in secretariat_emails(timezone.localdate())]


def _context(mandate: Mandate) -> dict:
    return {
        "mandate": mandate,
        "renewal": mandate.renewal_of_id is not None
        or Mandate.objects.filter(
            role=mandate.role,
            person_id=mandate.person_id,
            thematic_group_id=mandate.thematic_group_id,
            ends_on=mandate.starts_on,
        ).exists(),
        "concurrence_url": reverse("governance:leader_proposals"),
        "propose_url": reverse("governance:leader_propose", args=[mandate.thematic_group.slug]),
    }


def leader_proposed(mandate: Mandate) -> None:
    """The nominee and the Secretariat (who concurs) hear of the Chair's proposal."""
    _tell("leader_proposed", _of(mandate.person, "nominee") + _secretariat(), _context(mandate))


def leader_concurred(mandate: Mandate) -> None:
    """The new Leader, the Chair who proposed and the Secretariat hear that the mandate starts."""
    letters = _of(mandate.person, "nominee") + _of(mandate.proposed_by, "chair") + _secretariat()
    _tell("leader_concurred", letters, _context(mandate))


def leader_declined(mandate: Mandate, reason: str) -> None:
    """The nominee and the Chair who proposed hear that the Secretariat declined, and why."""
    letters = _of(mandate.person, "nominee") + _of(mandate.proposed_by, "chair")
    _tell("leader_declined", letters, {**_context(mandate), "reason": reason})

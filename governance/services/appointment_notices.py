"""Who is told about a Leader's appointment (ToR 19), one function per event.

Each email is a row of the outbox (kernel/outbox.py) queued in the appointment's transaction:
a refused or rolled-back appointment tells nobody, and a mail outage never undoes it (the
outbox retries). One email per person; the Secretariat in its own wording.
"""

from __future__ import annotations

from django.utils import timezone

from governance.models import Mandate
from kernel import outbox

LEADER_EMAIL = "people/email/{event}"  # leader_proposed, leader_concurred, leader_declined


def _tell(event: str, mandate: Mandate, letters: list[tuple[object, str]], reason: str = "") -> None:
    seen: set[int] = set()
    for person, audience in letters:
        if person is None or not person.email or person.pk in seen:
            continue
        seen.add(person.pk)
        outbox.enqueue(
            to=person,
            template=LEADER_EMAIL.format(event=event),
            kind=event,
            context={"mandate_id": mandate.pk, "audience": audience, "reason": reason},
            dedupe_key=f"{event}:{mandate.pk}:{person.pk}",
        )


def _secretariat() -> list[tuple[object, str]]:
    from governance.services.registers import secretariat_people

    return [(person, "secretariat") for person in secretariat_people(timezone.localdate())]


def leader_proposed(mandate: Mandate) -> None:
    """The nominee and the Secretariat (who concurs) hear of the Chair's proposal."""
    _tell("leader_proposed", mandate, [(mandate.person, "nominee"), *_secretariat()])


def leader_concurred(mandate: Mandate) -> None:
    """The new Leader, the Chair who proposed and the Secretariat hear that the mandate starts."""
    letters = [(mandate.person, "nominee"), (mandate.proposed_by, "chair"), *_secretariat()]
    _tell("leader_concurred", mandate, letters)


def leader_declined(mandate: Mandate, reason: str) -> None:
    """The nominee and the Chair who proposed hear that the Secretariat declined, and why."""
    _tell("leader_declined", mandate, [(mandate.person, "nominee"), (mandate.proposed_by, "chair")], reason)

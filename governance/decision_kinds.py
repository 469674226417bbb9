"""What a closed decision does to the records it is about, registered by the app that owns them.

The decision machinery (governance.services.decisions) counts the votes and closes the decision;
it does not know what a deliverable or a workplan is. Each app that owns the subject of a kind
of decision registers the effects from its AppConfig.ready():

    decision_kinds.register(
        Decision.Kind.DELIVERABLE_APPROVAL,
        on_adopted=lambda decision, on: deliverable_record_approval(...),
        subjects=lambda: Deliverable.objects.filter(status="proposed"),  # what may be put to a vote
    )

`on_adopted(decision, on)` runs when the decision closes adopted, `on_not_adopted(decision, on)`
when it closes otherwise (rejected, no quorum), in the same transaction as the closing: a
DomainError raised there undoes the closing. `subjects()` is the queryset the "new decision"
form offers for that kind. A kind registered twice is a programming error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from governance.models import Decision

Effect = Callable[["Decision", dt.date], None]


@dataclass(frozen=True)
class DecisionKind:
    kind: str
    on_adopted: Effect | None = None
    on_not_adopted: Effect | None = None
    subjects: Callable[[], QuerySet] | None = None


_registry: dict[str, DecisionKind] = {}


def register(
    kind: str,
    *,
    on_adopted: Effect | None = None,
    on_not_adopted: Effect | None = None,
    subjects: Callable[[], QuerySet] | None = None,
) -> None:
    if kind in _registry:
        raise ImproperlyConfigured(f"Decision kind {kind!r} is registered twice.")
    _registry[kind] = DecisionKind(str(kind), on_adopted, on_not_adopted, subjects)


def registered(kind: str) -> DecisionKind | None:
    return _registry.get(kind)


def apply_result(decision: Decision, *, adopted: bool, on: dt.date) -> None:
    """Run the effect registered for the decision's kind (nothing for a kind without one)."""
    entry = _registry.get(decision.kind)
    effect = entry and (entry.on_adopted if adopted else entry.on_not_adopted)
    if effect:
        effect(decision, on)


def subjects(kind: str) -> QuerySet | None:
    """The records a new decision of this kind may be about, or None if the kind names none."""
    entry = _registry.get(kind)
    return entry.subjects() if entry and entry.subjects else None

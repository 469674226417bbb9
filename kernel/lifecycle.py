"""Explicit lifecycles: a TextChoices status plus a table of allowed transitions.

Services move records with `LIFECYCLE.check(current, new)`, which raises
TransitionNotAllowed (a DomainError) that views turn into a clear message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class DomainError(Exception):
    """A request the rules refuse; the message is shown to the person as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(DomainError):
    pass


@dataclass(frozen=True)
class Lifecycle:
    name: str
    transitions: dict[str, frozenset[str]]
    labels: dict[str, str]

    @classmethod
    def of(cls, name: str, choices, transitions: dict[str, Iterable[str]]) -> Lifecycle:
        return cls(
            name=name,
            transitions={str(k): frozenset(str(v) for v in vs) for k, vs in transitions.items()},
            labels={str(value): str(label) for value, label in choices.choices},
        )

    def allowed(self, current: str) -> frozenset[str]:
        return self.transitions.get(str(current), frozenset())

    def can_move(self, current: str, new: str) -> bool:
        return str(new) in self.allowed(current)

    def check(self, current: str, new: str) -> None:
        if not self.can_move(current, new):
            raise TransitionNotAllowed(
                f"A {self.name} cannot go from “{self.labels.get(str(current), current)}” "
                f"to “{self.labels.get(str(new), new)}”."
            )

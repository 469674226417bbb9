"""What a person's roles mean to the people app, asked of the app that owns them (issue 16).

A person's roles (a Partner's focal point, a mandate) are governance's facts, and governance sits
above people. So the two places where the people services touch roles ask through hooks that
governance installs from its AppConfig.ready() (`install(...)`, see governance/people_roles.py):

- `apply_invitation(invitation, person)`: what an accepted invitation gives the person. A focal
  point invitation makes them a focal point (by the Secretariat member who invited them); a
  mandate invitation gives nothing: invitations invite, they do not appoint (ToR 13a, 15, 19).
- `end_roles(person, by=, on=)`: what ends when a person leaves U4SSC (their focal points and
  mandates), before their personal data is deleted.

Until governance installs them, accepting a role invitation is refused and leaving ends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from kernel.lifecycle import DomainError


def _no_roles(invitation, person) -> None:
    raise DomainError(_("Roles cannot be given yet: the governance app is not installed."))


_apply_invitation: Callable[[object, object], None] = _no_roles
_end_roles: Callable[..., None] = lambda person, *, by, on: None  # noqa: E731


def install(*, apply_invitation: Callable[[object, object], None], end_roles: Callable[..., None]) -> None:
    global _apply_invitation, _end_roles
    _apply_invitation, _end_roles = apply_invitation, end_roles


def apply_invitation(invitation, person) -> None:
    """Give `person` the role `invitation` names (inside the accepting service's transaction)."""
    _apply_invitation(invitation, person)


def end_roles(person, *, by, on: dt.date) -> None:
    """End every role `person` holds, as of `on` (inside the leaving service's transaction)."""
    _end_roles(person, by=by, on=on)

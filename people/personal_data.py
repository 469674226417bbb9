"""What the portal holds about a person, section by section, registered by the app that holds it.

people owns the account (profile, email addresses, invitations); governance, thematic_groups and
meetings hold the rest and register their sections from their AppConfig.ready():

    personal_data.register("mandates", "Mandates", position=30, rows=lambda person, ask: [...])

`rows(person, ask)` returns a list of plain dicts (JSON-ready: use `iso()` for dates) read with a
fixed number of queries. `ask` carries what several sections need: `today` and `addresses`, the
verified email addresses of the person (lower case), and `email_q(field)`, a Q matching any of
them on a field (an empty match if the person has none). `position` orders the sections on
"My data" and in the download.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Ask:
    today: dt.date
    addresses: tuple[str, ...]

    def email_q(self, field: str = "email") -> Q:
        q = Q(pk__in=[])
        for address in self.addresses:
            q |= Q(**{f"{field}__iexact": address})
        return q


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    position: int
    rows: Callable[[object, Ask], list[dict]]


_sections: dict[str, Section] = {}


def register(key: str, title: str, *, position: int, rows: Callable[[object, Ask], list[dict]]) -> None:
    if key in _sections:
        raise ImproperlyConfigured(f"Personal-data section {key!r} is registered twice.")
    _sections[key] = Section(key, title, position, rows)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.position, s.key))


def iso(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    return value.isoformat()

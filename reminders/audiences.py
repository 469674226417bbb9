"""Who is reminded, loaded once per sweep in a fixed number of queries (not one per row).

The same facts as the rulebook's `principal_for` (governance.rulebook), read for everyone at
once through the same QuerySets (FocalPoint.objects.current/secretariat, Mandate.objects.active): current focal points of current Partners, the Secretariat (staff focal points of a
Secretariat Partner holding its grant), the Management Team, active Leaders and IP Leaders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from governance.models import FocalPoint, Mandate


def current_focal_points(on: dt.date):
    """Current focal points of current Partners (ToR 42, Annex III): FocalPoint.objects.current."""
    return FocalPoint.objects.current(on=on)


@dataclass
class Audiences:
    on: dt.date
    secretariat: frozenset[int] = frozenset()
    focal_by_partner: dict[int, set[int]] = field(default_factory=dict)
    chairs: frozenset[int] = frozenset()
    vice_chairs: frozenset[int] = frozenset()
    leaders_by_group: dict[int, set[int]] = field(default_factory=dict)
    ip_leaders: frozenset[int] = frozenset()
    opted_out: frozenset[int] = frozenset()
    unreachable: frozenset[int] = frozenset()

    @property
    def focal_points(self) -> set[int]:
        return set().union(*self.focal_by_partner.values()) if self.focal_by_partner else set()

    @property
    def management_team(self) -> set[int]:
        return set(self.chairs | self.vice_chairs)

    @property
    def leaders(self) -> set[int]:
        return set().union(*self.leaders_by_group.values()) if self.leaders_by_group else set()


def load_audiences(on: dt.date) -> Audiences:
    """Four queries, whatever the number of people, Partners or mandates."""
    focal_by_partner: dict[int, set[int]] = defaultdict(set)
    for partner_id, person_id in current_focal_points(on).values_list("partner_id", "person_id"):
        focal_by_partner[partner_id].add(person_id)

    chairs, vice_chairs, ip_leaders = set(), set(), set()
    leaders_by_group: dict[int, set[int]] = defaultdict(set)
    for role, person_id, group_id in Mandate.objects.active(on=on).values_list(
        "role", "person_id", "thematic_group_id"
    ):
        if role == Mandate.Role.CHAIR:
            chairs.add(person_id)
        elif role == Mandate.Role.VICE_CHAIR:
            vice_chairs.add(person_id)
        elif role == Mandate.Role.IP_LEADER:
            ip_leaders.add(person_id)
        elif role == Mandate.Role.LEADER:
            leaders_by_group[group_id].add(person_id)

    opted_out, unreachable = set(), set()
    Person = get_user_model()
    for person_id, optional, active, former, email in Person.objects.filter(
        Q(optional_reminders=False) | Q(is_active=False) | Q(is_former=True) | Q(email="")
    ).values_list("id", "optional_reminders", "is_active", "is_former", "email"):
        if not active or former or not email:
            unreachable.add(person_id)
        elif not optional:
            opted_out.add(person_id)

    return Audiences(
        on=on,
        secretariat=frozenset(FocalPoint.objects.secretariat(on=on).values_list("person_id", flat=True)),
        focal_by_partner=dict(focal_by_partner),
        chairs=frozenset(chairs),
        vice_chairs=frozenset(vice_chairs),
        leaders_by_group=dict(leaders_by_group),
        ip_leaders=frozenset(ip_leaders),
        opted_out=frozenset(opted_out),
        unreachable=frozenset(unreachable),
    )

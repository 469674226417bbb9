"""The ToR rulebook: who may do what, in one declarative table that everything asks.

    RULES["deliverable.propose"] == Rule(roles={Role.LEADER}, tor="20a", ...)

Roles come from facts, never from flags (ToR 28, 42, Annex III):
- PARTNER: a current focal point of a current Partner (scope: that Partner);
- SECRETARIAT: a focal point of a Secretariat Partner (ITU, UNECE, UN-Habitat) with staff access;
- CHAIR / VICE_CHAIR / IP_LEADER: an active mandate today; a Vice-Chair acts for the Chair
  while the Secretariat records the Chair as absent (ToR 18);
- LEADER: an active Leader mandate *and* the guardian grant on that Thematic Group;
- TEAM: the guardian grant on a deliverable (its team); MEMBER: a Thematic Group member;
- PARTICIPANT: anyone signed in; ANYONE: everyone, signed in or not.

Object scopes (Partner, Thematic Group, deliverable) are django-guardian grants with
direct foreign-key permission models; services add and remove them with mandates,
focal points and team membership (governance.services, thematic_groups.services).

How to add a rule: add a line to RULES with the roles, the ToR clause and a sentence;
call `require(user, "your.action", obj)` in the service and `can(...)` in templates
(`{% can "your.action" obj as allowed %}`); add a row to tests/governance/test_rulebook.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.refusals import Denied


class Role(StrEnum):
    ANYONE = "anyone"
    PARTICIPANT = "participant"
    PARTNER = "partner"
    SECRETARIAT = "secretariat"
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    LEADER = "leader"
    IP_LEADER = "ip_leader"
    TEAM = "team"
    MEMBER = "member"
    STEWARD = "city_steward"
    VERIFIER = "verifier"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ANYONE: _("Everyone"),
    Role.PARTICIPANT: _("Participant (signed in)"),
    Role.PARTNER: _("Partner focal point"),
    Role.SECRETARIAT: _("Secretariat"),
    Role.CHAIR: _("Chair"),
    Role.VICE_CHAIR: _("Vice-Chair"),
    Role.LEADER: _("Thematic Group Leader"),
    Role.IP_LEADER: _("IP Leader"),
    Role.TEAM: _("Deliverable team member"),
    Role.MEMBER: _("Thematic Group member"),
    Role.STEWARD: _("City data steward"),
    Role.VERIFIER: _("Verifier of the reporting cycle"),
}

# Roles whose grant is limited to an object: the scope it is checked against.
SCOPED = {
    Role.PARTNER: "partner_id",
    Role.LEADER: "group_id",
    Role.TEAM: "deliverable_id",
    Role.MEMBER: "group_id",
    Role.STEWARD: "city_id",
    Role.VERIFIER: "cycle_id",
}
MANAGEMENT_TEAM = frozenset({Role.CHAIR, Role.VICE_CHAIR})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    tor: str
    summary: str


def rule(roles: set[Role], tor: str, summary: str) -> Rule:
    return Rule(frozenset(roles), tor, summary)


S, P, CH, VC, L, IP, T, M, ANY, PART, CS, V = (
    Role.SECRETARIAT,
    Role.PARTNER,
    Role.CHAIR,
    Role.VICE_CHAIR,
    Role.LEADER,
    Role.IP_LEADER,
    Role.TEAM,
    Role.MEMBER,
    Role.ANYONE,
    Role.PARTICIPANT,
    Role.STEWARD,
    Role.VERIFIER,
)

RULES: dict[str, Rule] = {
    # ToR revisions and decisions of the Partners Board
    "tor.propose_revision": rule({S}, "9", _("The Secretariat proposes ToR revisions.")),
    "tor.comment": rule(
        {CH, VC, P}, "13b", _("The Management Team and the Partners comment on a ToR revision.")
    ),
    "tor.handle_comment": rule({S}, "9", _("The Secretariat records how each comment was handled.")),
    "content.translate": rule(
        {S}, "G 23", _("The Secretariat enters the versions of the content in the UN languages.")
    ),
    "decision.open": rule(
        {S}, "13b", _("The Secretariat puts a question to the Partners Board and opens the ballot.")
    ),
    "decision.extend": rule(
        {S}, "13b, G 23", _("The Secretariat extends a running ballot's deadline, telling the Partners why.")
    ),
    "decision.withdraw": rule(
        {S}, "13b, G 23", _("The Secretariat withdraws a running ballot, telling the Partners why.")
    ),
    "decision.close": rule(
        {S},
        "13b, G 23",
        _("The Secretariat counts a ballot at its deadline, or once every Partner has voted."),
    ),
    "decision.remind": rule(
        {S}, "G 23", _("The Secretariat reminds the focal points of Partners that have not voted yet.")
    ),
    "decision.vote": rule(
        {P}, "9, 13b", _("A Partner votes through its focal points, one ballot per Partner.")
    ),
    "decision.view_running": rule(
        {P, CH, VC, S}, "13", _("Partners, Management Team and Secretariat follow an open ballot.")
    ),
    "mandate.nominate": rule({P}, "13a, 15", _("Partners nominate candidates for Chair and Vice-Chair.")),
    "mandate.propose_leader": rule(
        {CH}, "19", _("The Chair appoints Leaders, in consultation with the Secretariat.")
    ),
    "mandate.concur_leader": rule(
        {S}, "19", _("The Secretariat concurs with the Chair's appointment of a Leader.")
    ),
    "mandate.record_election": rule(
        {S}, "13a, 15", _("The Secretariat records the Chair and Vice-Chairs elected at the annual meeting.")
    ),
    "mandate.record_ip_leader": rule(
        {S}, "Annex I", _("The Secretariat records the IP Leader elected at the annual meeting.")
    ),
    "chair_absence.record": rule(
        {S}, "18", _("The Secretariat records the Chair as absent; a Vice-Chair then acts.")
    ),
    # Deliverables
    "deliverable.propose": rule({L}, "20a", _("A Leader proposes deliverables for their Thematic Group.")),
    "deliverable.record_approval": rule(
        {S}, "19", _("Approval (annual meeting or Board decision) is recorded by the Secretariat.")
    ),
    "deliverable.manage": rule(
        {L, S}, "20b, 20d", _("The Leader runs the deliverable's work; the Secretariat assists.")
    ),
    "deliverable.upload_draft": rule({T, L, S}, "20f", _("The team uploads draft versions.")),
    "deliverable.comment": rule({P, T, L}, "MR 3.6", _("Partners and the team comment on drafts.")),
    "deliverable.editorial_review": rule({S}, "23c, MR 3.6", _("The Secretariat runs the editorial review.")),
    "deliverable.publish": rule(
        {S}, "23c, 34", _("The Secretariat publishes, with the editorial-review disclaimer and IP notice.")
    ),
    "deliverable.withdraw": rule(
        {S}, "23c", _("The Secretariat withdraws a deliverable; its URL stays with a notice.")
    ),
    "deliverable.sign_up": rule({PART}, "22a", _("Participants sign up to contribute to a deliverable.")),
    "call.open": rule({L}, "20c", _("A Leader opens a call for experts.")),
    "call.apply": rule({PART}, "20c", _("Anyone signed in applies to a call for experts.")),
    "call.vet": rule({S, CH, VC}, "20c", _("The Secretariat with the Management Team vets experts.")),
    "unpublished.view": rule(
        {P, S, CH, VC, T, L}, "33, 35", _("Unpublished material: Partners, Secretariat, MT and the team.")
    ),
    "published.view": rule(
        {ANY}, "8, 31", _("Everyone reads published material, the ToR, meetings and Partners.")
    ),
    # Workplan (ToR 10)
    "workplan.input": rule(
        {P, L, IP}, "10a", _("Partners, Leaders and the IP Leader give inputs to the workplan.")
    ),
    "workplan.compile": rule({S}, "10a", _("The Secretariat compiles the workplan.")),
    "workplan.review": rule({CH, VC}, "10b", _("The Management Team reviews the workplan.")),
    "workplan.record": rule({S}, "10c, 10d", _("The Secretariat records its presentation and agreement.")),
    # Meetings
    "meeting.manage": rule(
        {S}, "23e", _("The Secretariat organises annual meetings and drafts their agenda.")
    ),
    "meeting.frame_agenda": rule(
        {CH}, "16a", _("The Chair frames the annual-meeting agenda with the Secretariat.")
    ),
    "meeting.report.publish": rule(
        {S}, "23e", _("The Secretariat reviews the report of an annual meeting and publishes it.")
    ),
    "meeting.register": rule({ANY}, "8", _("Anyone may register for a meeting open to all.")),
    "meeting.view_partners_only": rule(
        {P, S, CH, VC}, "MR 3.6", _("Partners-only sessions: Partners, Secretariat, MT.")
    ),
    "emeeting.schedule": rule(
        {L, S}, "20d", _("A Leader schedules e-meetings for their group (the Secretariat may too).")
    ),
    "emeeting.schedule_ip": rule(
        {IP, S}, "Annex I", _("The IP Leader convenes quarterly e-meetings with the Secretariat.")
    ),
    "minutes.upload": rule({L, S}, "20e", _("A Leader uploads the minutes of their group's e-meetings.")),
    "minutes.upload_ip": rule(
        {IP, S}, "Annex I", _("The IP Leader uploads the minutes of the quarterly e-meetings.")
    ),
    "emeeting.view": rule(
        {M, L, T, P, S, CH, VC},
        "20e, 33",
        _("Group e-meetings and minutes: the group, the deliverable's team, Partners, Secretariat, MT."),
    ),
    "emeeting.view_ip": rule(
        {IP, P, S, CH, VC}, "Annex I", _("IP quarterly e-meetings: IP Leader, Partners, Secretariat, MT.")
    ),
    # Other registers
    "hub.request": rule({PART}, "30", _("Anyone signed in may request a Hub; the Partners approve it.")),
    "logo.request": rule({PART}, "36", _("Anyone signed in may ask to use the logo.")),
    "logo.approve": rule({S}, "36, Annex I", _("The Secretariat approves logo use.")),
    "engagement.notify": rule(
        {PART}, "37, 38", _("Leaders and participants tell the Secretariat of external engagements.")
    ),
    "registers.keep": rule({S}, "G 23", _("The Secretariat keeps every register (the admin).")),
    "people.invite": rule({S}, "24, 42", _("The Secretariat invites focal points, Leaders and the MT.")),
    # The KPI web-tool (MR 3.3, issue 14)
    "kpis.catalogue.keep": rule({S}, "MR 3.3, G 23", _("The Secretariat keeps the KPI catalogue.")),
    "kpis.city.keep": rule(
        {S},
        "MR 3.3, G 23",
        _("The Secretariat keeps the cities, opens their cycles and names their stewards."),
    ),
    "kpis.cycle.view": rule(
        {CS, V, S},
        "33, 35; GDPR",
        _("A city's unpublished data: its stewards, its verifier, the Secretariat."),
    ),
    "kpis.cycle.enter": rule({CS}, "MR 3.3", _("The city's data stewards enter its KPI data.")),
    "kpis.cycle.submit": rule(
        {CS}, "MR 3.3", _("The city's data stewards submit its data for verification.")
    ),
    "kpis.cycle.publish": rule(
        {CS}, "MR 3.3; GDPR", _("The city's data stewards decide what is published, KPI by KPI.")
    ),
    "kpis.cycle.assign_verifier": rule(
        {S}, "MR 3.3", _("The Secretariat assigns an independent verifier to a city's reporting cycle.")
    ),
    "kpis.cycle.verify": rule(
        {V}, "MR 3.3", _("The verifier assigned to the cycle questions and verifies each reported KPI.")
    ),
    "kpis.cycle.discuss": rule(
        {V, CS},
        "MR 3.3",
        _("The verifier and the city's data stewards discuss a KPI in its question thread."),
    ),
    # The U4SSC Index (MR 3.5, issue 15)
    "index.keep": rule(
        {S}, "MR 3.5, G 23", "The Secretariat keeps the Index methodology and publishes its editions."
    ),
}


@dataclass(frozen=True)
class Target:
    """The scope an object falls under."""

    partner_id: int | None = None
    group_id: int | None = None
    deliverable_id: int | None = None
    ip: bool = False
    city_id: int | None = None
    cycle_id: int | None = None


def target_of(obj) -> Target:
    if obj is None:
        return Target()
    if isinstance(obj, Target):
        return obj
    if hasattr(obj, "rulebook_target"):
        return obj.rulebook_target()
    label = obj._meta.label
    if label == "governance.Partner":
        return Target(partner_id=obj.pk)
    if label == "thematic_groups.ThematicGroup":
        return Target(group_id=obj.pk)
    if label == "thematic_groups.Deliverable":
        return Target(group_id=obj.thematic_group_id, deliverable_id=obj.pk)
    if label == "meetings.Meeting":
        group_id = obj.thematic_group_id
        if group_id is None and obj.deliverable_id:
            group_id = obj.deliverable.thematic_group_id
        return Target(group_id=group_id, deliverable_id=obj.deliverable_id, ip=obj.is_ip_quarterly)
    for attr in ("deliverable", "meeting", "decision"):
        if hasattr(obj, f"{attr}_id"):
            return target_of(getattr(obj, attr))
    if hasattr(obj, "partner_id"):
        return Target(partner_id=obj.partner_id)
    raise TypeError(f"The rulebook does not know the scope of {label}")


@dataclass(frozen=True)
class Principal:
    """What a person may act as, on a given day. Computed in a constant number of queries."""

    user_id: int | None = None
    on: dt.date = field(default_factory=timezone.localdate)
    is_superuser: bool = False
    secretariat: bool = False
    partner_ids: frozenset[int] = frozenset()
    chair: bool = False
    vice_chair: bool = False
    acting_chair: bool = False
    ip_leader: bool = False
    leader_group_ids: frozenset[int] = frozenset()
    member_group_ids: frozenset[int] = frozenset()
    team_deliverable_ids: frozenset[int] = frozenset()
    mandate_ids: tuple[int, ...] = ()
    steward_city_ids: frozenset[int] = frozenset()
    verifier_cycle_ids: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def roles(self) -> set[Role]:
        roles = {Role.ANYONE}
        if not self.is_authenticated:
            return roles
        roles.add(Role.PARTICIPANT)
        flags = {
            Role.SECRETARIAT: self.secretariat or self.is_superuser,
            Role.PARTNER: bool(self.partner_ids),
            Role.CHAIR: self.chair or self.acting_chair,
            Role.VICE_CHAIR: self.vice_chair,
            Role.IP_LEADER: self.ip_leader,
            Role.LEADER: bool(self.leader_group_ids),
            Role.TEAM: bool(self.team_deliverable_ids),
            Role.MEMBER: bool(self.member_group_ids),
            Role.STEWARD: bool(self.steward_city_ids),
            Role.VERIFIER: bool(self.verifier_cycle_ids),
        }
        roles.update(role for role, held in flags.items() if held)
        return roles

    def scope_ids(self, role: Role) -> frozenset[int]:
        return {
            Role.PARTNER: self.partner_ids,
            Role.LEADER: self.leader_group_ids,
            Role.TEAM: self.team_deliverable_ids,
            Role.MEMBER: self.member_group_ids,
            Role.STEWARD: self.steward_city_ids,
            Role.VERIFIER: self.verifier_cycle_ids,
        }[role]

    def holds(self, role: Role, target: Target | None) -> bool:
        if role not in self.roles():
            return False
        if role not in SCOPED or target is None:
            return True
        scope = getattr(target, SCOPED[role])
        if role == Role.PARTNER and scope is None:
            # A focal point acts for their own Partner; on Board-wide matters (drafts,
            # comments, running decisions) every Partner is in the audience.
            return True
        return scope in self.scope_ids(role)

    def can(self, action: str, obj=None) -> bool:
        rule_ = RULES[action]
        target = target_of(obj) if obj is not None else None
        return any(self.holds(role, target) for role in rule_.roles)

    def visibility(self, action: str) -> Visibility:
        """Which objects an action reaches: everything, or only some scopes (for list filters)."""
        roles = RULES[action].roles
        if any(role not in SCOPED and role in self.roles() for role in roles):
            return Visibility(everything=True)
        return Visibility(
            partner_wide=Role.PARTNER in roles and bool(self.partner_ids),
            partner_ids=self.partner_ids if Role.PARTNER in roles else frozenset(),
            group_ids=(self.leader_group_ids if Role.LEADER in roles else frozenset())
            | (self.member_group_ids if Role.MEMBER in roles else frozenset()),
            deliverable_ids=self.team_deliverable_ids if Role.TEAM in roles else frozenset(),
            city_ids=self.steward_city_ids if Role.STEWARD in roles else frozenset(),
            cycle_ids=self.verifier_cycle_ids if Role.VERIFIER in roles else frozenset(),
        )


@dataclass(frozen=True)
class Visibility:
    everything: bool = False
    partner_wide: bool = False  # a Partner's focal point: Board-wide material is theirs to see
    partner_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()
    deliverable_ids: frozenset[int] = frozenset()
    city_ids: frozenset[int] = frozenset()
    cycle_ids: frozenset[int] = frozenset()

    def q(
        self,
        *,
        partner: str | None = None,
        group: str | None = None,
        deliverable: str | None = None,
        city: str | None = None,
        cycle: str | None = None,
    ) -> Q:
        """A filter for a queryset, given the lookups that lead to each scope."""
        if self.everything or (self.partner_wide and partner is None):
            return Q(pk__isnull=False)  # not Q(): an empty Q vanishes when OR-ed with another
        q = Q(pk__in=[])
        if partner and self.partner_ids:
            q |= Q(**{f"{partner}__in": self.partner_ids})
        if group and self.group_ids:
            q |= Q(**{f"{group}__in": self.group_ids})
        if deliverable and self.deliverable_ids:
            q |= Q(**{f"{deliverable}__in": self.deliverable_ids})
        if city and self.city_ids:
            q |= Q(**{f"{city}__in": self.city_ids})
        if cycle and self.cycle_ids:
            q |= Q(**{f"{cycle}__in": self.cycle_ids})
        return q


ANONYMOUS = Principal()


def principal_for(user, on: dt.date | None = None) -> Principal:
    """The Principal of `user` on a day (today by default), cached on the user object and,
    across requests, in the shared cache (kernel/cache.py)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    on = on or timezone.localdate()
    cached = getattr(user, "_u4ssc_principal", None)
    if cached is not None and cached.on == on:
        return cached
    principal = _shared_principal(user, on)
    user._u4ssc_principal = principal
    return principal


def _shared_principal(user, on: dt.date) -> Principal:
    """Across requests, from the cache: valid while the generations that every change of a role
    fact bumps are unchanged (kernel/cache.py), so a role change counts at once."""
    from kernel.cache import principal_slot

    try:
        slot = principal_slot(user, on)
    except Exception:  # the cache is down: compute from the facts
        slot = None
    if slot is not None and isinstance(slot.value, Principal):
        return slot.value
    principal = _compute_principal(user, on)
    if slot is not None:
        with contextlib.suppress(Exception):  # the cache is down: the next request computes it again
            slot.store(principal)
    return principal


def forget_principal(user) -> None:
    """Drop the cached Principal (after a service changed the person's roles)."""
    from kernel.cache import forget_person

    if hasattr(user, "_u4ssc_principal"):
        del user._u4ssc_principal
    forget_person(user.pk)


def _facts_query(person_id: int, on: dt.date):
    """Every fact a Principal is made of, for one person on one day, as one UNION ALL of
    (kind, id, other id, role) rows: current focal points (with the Partner's Secretariat flag),
    the Partner grants (act_for_partner), active mandates, the Thematic Group grants (lead_group),
    the deliverable grants (work_on_deliverable), memberships, and the day's Chair absences.
    The same QuerySet methods as everywhere (FocalPoint.objects.current, Mandate.objects.active);
    object grants are read from guardian's direct permission tables, through the person's
    relations (thematic_groups is above governance)."""
    from django.contrib.auth import get_user_model
    from django.db.models import CharField, F, IntegerField, Value
    from django.db.models.functions import Cast

    from governance.models import ChairAbsence, FocalPoint, Mandate, PartnerUserObjectPermission

    person = get_user_model()(pk=person_id)
    none = Value(None, output_field=IntegerField())
    blank = Value("", output_field=CharField())

    def kind(name: str):
        return Value(name, output_field=CharField())

    def grants(related, codename: str):
        return related.filter(permission__codename=codename).values_list(
            kind(codename), F("content_object_id"), none, blank
        )

    parts = [
        FocalPoint.objects.current(on=on)
        .filter(person_id=person_id)
        .values_list(kind("focal"), F("partner_id"), Cast("partner__is_secretariat", IntegerField()), blank),
        grants(PartnerUserObjectPermission.objects.filter(user_id=person_id), "act_for_partner"),
        Mandate.objects.active(on=on)
        .filter(person_id=person_id)
        .values_list(kind("mandate"), F("id"), F("thematic_group_id"), F("role")),
        grants(person.thematicgroupuserobjectpermission_set.all(), "lead_group"),
        grants(person.deliverableuserobjectpermission_set.all(), "work_on_deliverable"),
        # A city's data stewards and a cycle's verifier (the kpis services' grants, issue 14).
        grants(person.cityuserobjectpermission_set.all(), "steward_city"),
        grants(person.cycleuserobjectpermission_set.all(), "verify_cycle"),
        person.group_memberships.filter(joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .values_list(kind("member"), F("thematic_group_id"), none, blank),
        ChairAbsence.objects.filter(starts_on__lte=on, ends_on__gte=on).values_list(
            kind("absence"), F("id"), F("acting_vice_chair_id"), blank
        ),
    ]
    parts = [part.order_by() for part in parts]
    return parts[0].union(*parts[1:], all=True)


def _prepared_facts():
    from kernel.prepared import Prepared

    global _FACTS
    if _FACTS is None:
        _FACTS = Prepared(_facts_query, person_id=-987_654_321, on=dt.date(1901, 2, 3))
    return _FACTS


_FACTS = None


def _compute_principal(user, on: dt.date) -> Principal:
    """One query (kernel.prepared: compiled once per process). It was seven, each with the
    models' default ordering and its joins: 7-10 ms of a signed-in page on a busy machine."""
    from governance.models import Mandate

    rows: dict[str, list[tuple]] = {}
    for kind, ref, other, role in _prepared_facts().rows(person_id=user.pk, on=on):
        rows.setdefault(kind, []).append((ref, other, role))
    focal = [(pid, bool(sec)) for pid, sec, _ in rows.get("focal", ())]
    granted_partners = {ref for ref, _, _ in rows.get("act_for_partner", ())}
    partner_ids = frozenset(pid for pid, _ in focal if pid in granted_partners)
    secretariat = user.is_staff and user.is_active and any(sec for pid, sec in focal if pid in partner_ids)

    mandates = sorted(rows.get("mandate", ()))
    roles = {role for _, _, role in mandates}
    # Leading a group is the mandate and the grant the mandate services give (ToR 19).
    led = {group for _, group, role in mandates if role == Mandate.Role.LEADER}
    led &= {ref for ref, _, _ in rows.get("lead_group", ())}
    vice_ids = {mid for mid, _, role in mandates if role == Mandate.Role.VICE_CHAIR}
    acting = bool(vice_ids) and any(
        vice is None or vice in vice_ids for _, vice, _ in rows.get("absence", ())
    )
    # The team of a deliverable is the grant team_member_add gives (thematic_groups.services).
    team = frozenset(ref for ref, _, _ in rows.get("work_on_deliverable", ()))
    members = frozenset(ref for ref, _, _ in rows.get("member", ()))
    stewards = frozenset(ref for ref, _, _ in rows.get("steward_city", ()))
    verifies = frozenset(ref for ref, _, _ in rows.get("verify_cycle", ()))
    return Principal(
        user_id=user.pk,
        on=on,
        is_superuser=user.is_superuser and user.is_active,
        secretariat=secretariat,
        partner_ids=partner_ids,
        chair=Mandate.Role.CHAIR in roles,
        vice_chair=Mandate.Role.VICE_CHAIR in roles,
        acting_chair=acting,
        ip_leader=Mandate.Role.IP_LEADER in roles,
        leader_group_ids=frozenset(led),
        member_group_ids=members,
        team_deliverable_ids=team,
        mandate_ids=tuple(mid for mid, _, _ in mandates),
        steward_city_ids=stewards,
        verifier_cycle_ids=verifies,
    )


class RuleDenied(Denied):
    """A person tried an action the rulebook does not give them."""

    def __init__(self, action: str):
        rule_ = RULES[action]
        roles = ", ".join(sorted(str(r.label) for r in rule_.roles))
        super().__init__(
            gettext("%(summary)s (ToR %(tor)s). This needs: %(roles)s.")
            % {"summary": rule_.summary, "tor": rule_.tor, "roles": roles}
        )
        self.action = action


def can(user, action: str, obj=None, *, on: dt.date | None = None) -> bool:
    return principal_for(user, on).can(action, obj)


def require(user, action: str, obj=None, *, on: dt.date | None = None) -> None:
    if not can(user, action, obj, on=on):
        raise RuleDenied(action)


def visibility(user, action: str) -> Visibility:
    return principal_for(user).visibility(action)

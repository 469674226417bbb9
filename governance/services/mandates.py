"""Services: the only place that writes governance state (see CONVENTIONS.md).

Each action is one keyword-only function, atomic, that checks the rulebook, saves with
`update_fields`, records why in the history, and starts tasks on commit.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm
from simple_history.utils import update_change_reason

from governance.models import TENURE_YEARS, ChairAbsence, FocalPoint, Mandate, Partner, add_years
from governance.rulebook import forget_principal, require
from kernel import outbox
from kernel.lifecycle import DomainError, Lifecycle

MANDATE_LIFECYCLE = Lifecycle.of(
    "mandate",
    Mandate.Status,
    {
        Mandate.Status.PROPOSED: {Mandate.Status.ACTIVE, Mandate.Status.ENDED},
        Mandate.Status.ACTIVE: {Mandate.Status.ENDED, Mandate.Status.RENEWED},
    },
)


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason[:100])


# Focal points --------------------------------------------------------------------------


@transaction.atomic
def focal_point_add(
    *,
    partner: Partner,
    person,
    title: str = "",
    started_on: dt.date | None = None,
    is_secretariat_contact: bool = False,
    by=None,
) -> FocalPoint:
    """Make `person` a focal point of `partner` and grant them the Partner's vote (ToR 42)."""
    if by is not None:
        require(by, "registers.keep")
    if FocalPoint.objects.filter(partner=partner, person=person, ended_on__isnull=True).exists():
        raise DomainError(f"{person} is already a focal point of {partner}.")
    focal_point = FocalPoint.objects.create(
        partner=partner,
        person=person,
        title=title,
        started_on=started_on or timezone.localdate(),
        is_secretariat_contact=is_secretariat_contact,
    )
    _reason(focal_point, "Focal point added")
    assign_perm("governance.act_for_partner", person, partner)
    forget_principal(person)
    return focal_point


@transaction.atomic
def focal_point_end(*, focal_point: FocalPoint, ended_on: dt.date | None = None, by=None) -> FocalPoint:
    """End a focal point: the person loses the Partner's powers at once (issue 9 'Leaving')."""
    if by is not None:
        require(by, "registers.keep")
    focal_point = FocalPoint.objects.select_for_update().get(pk=focal_point.pk)
    if focal_point.ended_on is not None:
        raise DomainError("This focal point has already ended.")
    focal_point.ended_on = ended_on or timezone.localdate()
    focal_point.save(update_fields=["ended_on"])
    _reason(focal_point, "Focal point ended")
    from governance.emails import FOCAL_POINT_ENDED

    outbox.enqueue(  # the person is told by email, after commit (kernel/outbox.py)
        to=focal_point.person,
        template=FOCAL_POINT_ENDED,
        kind="focal_point_ended",
        context={"focal_point_id": focal_point.pk},
        dedupe_key=f"focal_point_ended:{focal_point.pk}",
    )
    still = FocalPoint.objects.filter(
        partner_id=focal_point.partner_id, person_id=focal_point.person_id, ended_on__isnull=True
    )
    if not still.exists():
        remove_perm("governance.act_for_partner", focal_point.person, focal_point.partner)
    forget_principal(focal_point.person)
    return focal_point


# Mandates ------------------------------------------------------------------------------


def _grant(mandate: Mandate) -> None:
    if mandate.role == Mandate.Role.LEADER:
        assign_perm("thematic_groups.lead_group", mandate.person, mandate.thematic_group)
    forget_principal(mandate.person)


def _revoke(mandate: Mandate, on: dt.date | None = None) -> None:
    if mandate.role == Mandate.Role.LEADER:
        others = Mandate.objects.filter(
            Mandate.active_q(on or timezone.localdate()),
            person_id=mandate.person_id,
            thematic_group_id=mandate.thematic_group_id,
            role=Mandate.Role.LEADER,
        ).exclude(pk=mandate.pk)
        if not others.exists():
            remove_perm("thematic_groups.lead_group", mandate.person, mandate.thematic_group)
    forget_principal(mandate.person)


@transaction.atomic
def mandate_appoint(
    *,
    role: str,
    person,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    thematic_group=None,
    decided_by: str = "",
    decision=None,
    meeting=None,
    proposed_by=None,
    concurred_by=None,
    notes: str = "",
    reason: str = "Mandate appointed",
) -> Mandate:
    """Create an active mandate and its grants. Callers check who may appoint
    (decisions for Chair/Vice-Chair, `mandate_propose_leader` + `mandate_concur` for Leaders,
    the Secretariat recording an annual meeting for the IP Leader)."""
    ends_on = ends_on or add_years(starts_on, TENURE_YEARS)
    if ends_on <= starts_on:
        raise DomainError("A mandate must end after it starts.")
    if role == Mandate.Role.LEADER and thematic_group is None:
        raise DomainError("A Leader's mandate names its Thematic Group.")
    mandate = Mandate(
        role=role,
        person=person,
        thematic_group=thematic_group if role == Mandate.Role.LEADER else None,
        starts_on=starts_on,
        ends_on=ends_on,
        status=Mandate.Status.ACTIVE,
        decided_by=decided_by,
        decision=decision,
        meeting=meeting,
        proposed_by=proposed_by,
        concurred_by=concurred_by,
        notes=notes,
    )
    mandate.full_clean(exclude=["decision", "meeting"])
    mandate.save()
    _reason(mandate, reason)
    _grant(mandate)
    return mandate


@transaction.atomic
def mandate_propose_leader(*, by, person, thematic_group, starts_on: dt.date, notes: str = "") -> Mandate:
    """The Chair proposes a Leader; the mandate waits for the Secretariat's concurrence (ToR 19)."""
    require(by, "mandate.propose_leader")
    mandate = Mandate(
        role=Mandate.Role.LEADER,
        person=person,
        thematic_group=thematic_group,
        starts_on=starts_on,
        status=Mandate.Status.PROPOSED,
        decided_by=Mandate.DecidedBy.CHAIR_WITH_SECRETARIAT,
        proposed_by=by,
        notes=notes,
    )
    mandate.save()
    _reason(mandate, "Leader proposed by the Chair")
    return mandate


@transaction.atomic
def mandate_concur(*, by, mandate: Mandate) -> Mandate:
    """The Secretariat concurs: the proposed Leader's mandate becomes active (ToR 19)."""
    require(by, "mandate.concur_leader")
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    MANDATE_LIFECYCLE.check(mandate.status, Mandate.Status.ACTIVE)
    mandate.status = Mandate.Status.ACTIVE
    mandate.concurred_by = by
    mandate.save(update_fields=["status", "concurred_by"])
    _reason(mandate, "Secretariat concurred")
    _grant(mandate)
    return mandate


@transaction.atomic
def mandate_end(
    *, mandate: Mandate, ended_on: dt.date | None = None, by=None, reason: str = "Mandate ended early"
) -> Mandate:
    """End a mandate before its term: the powers go at once."""
    if by is not None:
        require(by, "registers.keep")
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    MANDATE_LIFECYCLE.check(mandate.status, Mandate.Status.ENDED)
    mandate.status = Mandate.Status.ENDED
    mandate.ended_on = ended_on or timezone.localdate()
    mandate.save(update_fields=["status", "ended_on"])
    _reason(mandate, reason)
    _revoke(mandate)
    return mandate


@transaction.atomic
def mandate_renew(*, mandate: Mandate, by=None, decided_by: str = "", decision=None, meeting=None) -> Mandate:
    """Renew for a further term starting the day the current one ends (ToR 28)."""
    if by is not None:
        require(by, "registers.keep")
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    MANDATE_LIFECYCLE.check(mandate.status, Mandate.Status.RENEWED)
    mandate.status = Mandate.Status.RENEWED
    mandate.save(update_fields=["status"])
    _reason(mandate, "Mandate renewed")
    renewal = mandate_appoint(
        role=mandate.role,
        person=mandate.person,
        starts_on=mandate.ends_on,
        thematic_group=mandate.thematic_group,
        decided_by=decided_by or mandate.decided_by,
        decision=decision,
        meeting=meeting,
        reason="Renewal",
    )
    renewal.renewal_of = mandate
    renewal.save(update_fields=["renewal_of"])
    return renewal


def mandates_expire(*, on: dt.date | None = None) -> list[Mandate]:
    """Remove the grants of mandates whose term is over (the daily job). Idempotent."""
    on = on or timezone.localdate()
    expired = list(
        Mandate.objects.filter(role=Mandate.Role.LEADER, ends_on__lte=on)
        .exclude(status=Mandate.Status.PROPOSED)
        .select_related("person", "thematic_group")
    )
    for mandate in expired:
        with transaction.atomic():
            _revoke(mandate, on)
    return expired


@transaction.atomic
def chair_absence_record(
    *, by, starts_on: dt.date, ends_on: dt.date, acting_vice_chair: Mandate | None = None, reason: str = ""
) -> ChairAbsence:
    """The Secretariat records the Chair as absent; a Vice-Chair acts for the Chair (ToR 18)."""
    require(by, "chair_absence.record")
    if ends_on < starts_on:
        raise DomainError("An absence cannot end before it starts.")
    absence = ChairAbsence.objects.create(
        starts_on=starts_on,
        ends_on=ends_on,
        acting_vice_chair=acting_vice_chair,
        reason=reason,
        recorded_by=by,
    )
    _reason(absence, "Chair absence recorded")
    return absence

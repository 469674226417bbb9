"""Services: the only place that writes governance state (see CONVENTIONS.md).

Each action is one keyword-only function, atomic, that checks the rulebook, saves with
`update_fields`, records why in the history, and starts tasks on commit.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm
from simple_history.utils import update_change_reason

from governance import reasons as why
from governance.models import (
    MANDATE_LIFECYCLE,
    TENURE_YEARS,
    ChairAbsence,
    FocalPoint,
    Mandate,
    Partner,
    add_years,
)
from governance.rulebook import forget_principal, require
from kernel import outbox
from kernel.lifecycle import DomainError, transition


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


# Focal points --------------------------------------------------------------------------


@transaction.atomic
def focal_point_add(
    *,
    partner: Partner,
    person,
    title: str = "",
    started_on: dt.date | None = None,
    is_secretariat_contact: bool = False,
    by,
) -> FocalPoint:
    """Make `person` a focal point of `partner` and grant them the Partner's vote (ToR 42).

    `by` keeps the registers (the Secretariat; on a new installation the superuser who adds the
    first Secretariat focal point), or invited the person (checked when they accept)."""
    require(by, "registers.keep")
    if FocalPoint.objects.filter(partner=partner, person=person, ended_on__isnull=True).exists():
        raise DomainError(
            gettext("%(person)s is already a focal point of %(partner)s.")
            % {"person": person, "partner": partner}
        )
    focal_point = FocalPoint.objects.create(
        partner=partner,
        person=person,
        title=title,
        started_on=started_on or timezone.localdate(),
        is_secretariat_contact=is_secretariat_contact,
    )
    _reason(focal_point, why.FOCAL_POINT_ADDED())
    assign_perm("governance.act_for_partner", person, partner)
    forget_principal(person)
    return focal_point


@transaction.atomic
def focal_point_end(*, focal_point: FocalPoint, by, ended_on: dt.date | None = None) -> FocalPoint:
    """End a focal point: the person loses the Partner's powers at once (issue 9 'Leaving').
    The Secretariat keeps the register (ToR G 23); a focal point may also step down (their account
    deleted at their request), like a mandate holder (`mandate_end`)."""
    focal_point = FocalPoint.objects.select_for_update().get(pk=focal_point.pk)
    if by.pk != focal_point.person_id:
        require(by, "registers.keep")
    if focal_point.ended_on is not None:
        raise DomainError(gettext("This focal point has already ended."))
    focal_point.ended_on = ended_on or timezone.localdate()
    focal_point.save(update_fields=["ended_on"])
    _reason(focal_point, why.FOCAL_POINT_ENDED())
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


@transaction.atomic
def partner_leave(*, partner: Partner, left_on: dt.date, by, reason: str = "") -> Partner:
    """Record that a Partner left U4SSC: every current focal point ends that day and is told.

    The rulebook counts only focal points of current Partners, so the powers go at once;
    ending the focal points also removes the Partner's grants and keeps the register true.
    """
    require(by, "registers.keep")
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.left_on is not None:
        raise DomainError(
            _("%(partner)s already left on %(day)s.")
            % {"partner": partner, "day": date_format(partner.left_on, "DATE_FORMAT")}
        )
    if left_on > timezone.localdate():
        raise DomainError(_("Record the leaving on or after the day it takes effect, not before."))
    if partner.joined_on and left_on < partner.joined_on:
        raise DomainError(_("A Partner cannot leave before it joined."))
    partner.left_on = left_on
    partner.save(update_fields=["left_on"])
    reason = " ".join((reason or "").split())
    _reason(partner, why.PARTNER_LEFT_BECAUSE(text=reason) if reason else why.PARTNER_LEFT())
    for focal_point in FocalPoint.objects.filter(partner=partner, ended_on__isnull=True).order_by("pk"):
        focal_point_end(focal_point=focal_point, ended_on=max(left_on, focal_point.started_on), by=by)
    return partner


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


HOLDING = (Mandate.Status.PROPOSED, Mandate.Status.ACTIVE, Mandate.Status.RENEWED)
ELECTED_AT_MEETING = (Mandate.Role.CHAIR, Mandate.Role.VICE_CHAIR, Mandate.Role.IP_LEADER)


def _role_label(role: str, thematic_group=None) -> str:
    label = Mandate.Role(role).label
    return f"{label} of {thematic_group}" if role == Mandate.Role.LEADER and thematic_group else label


def _lock_person(person) -> None:
    """Serialise every appointment of one person (the row lock the overlap check relies on: two
    appointments of the same person cannot both see "no current mandate")."""
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()


def _current(
    *, role: str, person, thematic_group, starts_on: dt.date, ends_on: dt.date | None = None, exclude=None
):
    """The person's mandate for this role (and group) that a new term from `starts_on` to `ends_on`
    (two years by default) would overlap: held or waiting. The latest first."""
    ends_on = ends_on or add_years(starts_on, TENURE_YEARS)
    mandates = Mandate.objects.filter(
        role=role, person=person, status__in=HOLDING, ends_on__gt=starts_on, starts_on__lt=ends_on
    )
    if role == Mandate.Role.LEADER:
        mandates = mandates.filter(thematic_group=thematic_group)
    if exclude is not None:
        mandates = mandates.exclude(pk=exclude)
    return mandates.order_by("-ends_on").first()


def _follow(current: Mandate | None, *, person, role: str, thematic_group) -> dt.date | None:
    """The rule of renewals (ToR 28): a new mandate of someone who already holds the role follows
    the current one, it never overlaps it. Returns the day the new one starts, or None."""
    if current is None:
        return None
    if current.status == Mandate.Status.PROPOSED:
        raise DomainError(
            gettext(
                "A proposal for %(person)s as %(role)s is already waiting for the Secretariat's concurrence: concur with it or decline it first."
            )
            % {"person": person, "role": _role_label(role, thematic_group)}
        )
    return current.ends_on


def _predecessor(mandate: Mandate) -> Mandate | None:
    """The active mandate of the same person and role (and group) that ends the day `mandate`
    starts: the term it renews."""
    return (
        Mandate.objects.filter(
            role=mandate.role,
            person_id=mandate.person_id,
            thematic_group_id=mandate.thematic_group_id,
            status=Mandate.Status.ACTIVE,
            ends_on=mandate.starts_on,
        )
        .exclude(pk=mandate.pk)
        .first()
    )


def _mark_renewed(current: Mandate | None, renewal: Mandate) -> None:
    current = current or _predecessor(renewal)
    if current is None:
        return
    current = Mandate.objects.select_for_update().get(pk=current.pk)
    if current.status == Mandate.Status.ACTIVE:
        transition(
            current,
            Mandate.Status.RENEWED,
            lifecycle=MANDATE_LIFECYCLE,
            reason=why.MANDATE_RENEWED(mandate=renewal.pk),
        )
    renewal.renewal_of = current
    renewal.save(update_fields=["renewal_of"])


def _create_active(
    *,
    role: str,
    person,
    starts_on: dt.date,
    ends_on: dt.date | None,
    thematic_group,
    decided_by: str,
    decision=None,
    meeting=None,
    notes: str = "",
    reason: str,
    renewal_reason: str,
) -> Mandate:
    """The one place an active mandate is made: after the caller checked where it comes from.
    Someone who already holds the role is renewed: the new term follows the current one."""
    if role not in Mandate.Role.values:
        raise DomainError(gettext("Choose the role of the mandate."))
    if person is None or not person.is_active:
        raise DomainError(gettext("The person appointed needs an active account in the portal."))
    if role == Mandate.Role.LEADER and thematic_group is None:
        raise DomainError(gettext("A Leader's mandate names its Thematic Group."))
    thematic_group = thematic_group if role == Mandate.Role.LEADER else None
    _lock_person(person)
    current = _current(
        role=role, person=person, thematic_group=thematic_group, starts_on=starts_on, ends_on=ends_on
    )
    follows = _follow(current, person=person, role=role, thematic_group=thematic_group)
    if follows is not None:
        starts_on, ends_on = follows, None
    ends_on = ends_on or add_years(starts_on, TENURE_YEARS)
    if ends_on <= starts_on:
        raise DomainError(gettext("A mandate must end after it starts."))
    mandate = Mandate(
        role=role,
        person=person,
        thematic_group=thematic_group,
        starts_on=starts_on,
        ends_on=ends_on,
        status=Mandate.Status.ACTIVE,
        decided_by=decided_by,
        decision=decision,
        meeting=meeting,
        notes=notes,
    )
    mandate.full_clean(exclude=["decision", "meeting"])
    mandate.save()
    _reason(mandate, reason if current is None else renewal_reason)
    _mark_renewed(current, mandate)
    _grant(mandate)
    return mandate


def _check_decision(decision, *, role: str, person) -> None:
    """A Chair or Vice-Chair comes from an adopted decision of the Partners Board on a nomination
    of this person for this role (ToR 13a, 15)."""
    from governance.models import Decision

    kinds = {
        Mandate.Role.CHAIR: Decision.Kind.CHAIR_APPOINTMENT,
        Mandate.Role.VICE_CHAIR: Decision.Kind.VICE_CHAIR_APPOINTMENT,
    }
    if role not in kinds:
        raise DomainError(
            gettext("The Partners Board's ballots appoint the Chair and Vice-Chairs, not the %(label)s.")
            % {"label": Mandate.Role(role).label}
        )
    if decision.status != Decision.Status.CLOSED or decision.result != Decision.Result.ADOPTED:
        raise DomainError(gettext("A mandate follows only an adopted decision of the Partners Board."))
    nomination = decision.nomination
    if decision.kind != kinds[role] or nomination is None or nomination.nominee_id != person.pk:
        raise DomainError(
            gettext("That decision does not appoint %(person)s as %(label)s.")
            % {"person": person, "label": Mandate.Role(role).label}
        )


def _check_meeting(by, meeting, *, role: str) -> None:
    """The Chair, Vice-Chairs and the IP Leader elected at an annual meeting, recorded by the
    Secretariat (ToR 13a, 15, Annex I)."""
    require(by, "mandate.record_ip_leader" if role == Mandate.Role.IP_LEADER else "mandate.record_election")
    if role not in ELECTED_AT_MEETING:
        raise DomainError(
            gettext(
                "The Chair appoints Leaders in consultation with the Secretariat (ToR 19): the Chair proposes "
                "the Leader on the Thematic Group's page and the Secretariat concurs."
            )
        )
    if meeting.kind != meeting.Kind.ANNUAL or meeting.status == meeting.Status.CANCELLED:
        raise DomainError(
            gettext(
                "An election is recorded on the annual meeting that held it (not an e-meeting, not a cancelled meeting)."
            )
        )


@transaction.atomic
def mandate_appoint(
    *,
    by,
    role: str,
    person,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    decision=None,
    meeting=None,
    thematic_group=None,
    notes: str = "",
) -> Mandate:
    """An active mandate from the body the ToR names, and nothing else:

    - `decision`: an adopted decision of the Partners Board appointing the nominee as Chair or
      Vice-Chair (ToR 13a, 15); `by` is who closed the ballot (None for the scheduled closing);
    - `meeting`: the Chair, a Vice-Chair or the IP Leader elected at an annual meeting, recorded by
      the Secretariat (`by`, ToR 13a, 15, Annex I).

    Leaders come from `mandate_propose_leader` + `mandate_concur` (ToR 19). Someone who already
    holds the role is renewed: the new term starts the day the current one ends (ToR 28)."""
    if (decision is None) == (meeting is None):
        raise DomainError(
            gettext(
                "A mandate comes from an adopted decision of the Partners Board or from an election at an "
                "annual meeting: name one of them."
            )
        )
    if decision is not None:
        _check_decision(decision, role=role, person=person)
        decided_by = Mandate.DecidedBy.ELECTRONIC
        starts_on = starts_on or timezone.localdate()
        reason = why.MANDATE_BY_DECISION(decision=decision.pk)
        renewal_reason = why.MANDATE_BY_DECISION_RENEWAL(decision=decision.pk)
    else:
        _check_meeting(by, meeting, role=role)
        decided_by = Mandate.DecidedBy.ANNUAL_MEETING
        starts_on = starts_on or timezone.localtime(meeting.starts_at).date()
        held_on = timezone.localtime(meeting.starts_at).date()
        reason = why.MANDATE_ELECTED(day=held_on)
        renewal_reason = why.MANDATE_ELECTED_RENEWAL(day=held_on)
    return _create_active(
        role=role,
        person=person,
        starts_on=starts_on,
        ends_on=ends_on,
        thematic_group=thematic_group,
        decided_by=decided_by,
        decision=decision,
        meeting=meeting,
        notes=notes,
        reason=reason,
        renewal_reason=renewal_reason,
    )


def mandate_record_election(
    *, by, meeting, role: str, person, starts_on: dt.date | None = None, notes: str = ""
) -> Mandate:
    """The Secretariat records the Chair, a Vice-Chair or the IP Leader elected at an annual
    meeting (the admin's add form, the meeting's decisions)."""
    return mandate_appoint(by=by, role=role, person=person, starts_on=starts_on, meeting=meeting, notes=notes)


@transaction.atomic
def mandate_propose_leader(
    *,
    by,
    person,
    thematic_group,
    starts_on: dt.date | None = None,
    renew: bool = False,
    notes: str = "",
    on: dt.date | None = None,
) -> Mandate:
    """The Chair proposes a Leader for a Thematic Group; the mandate waits for the Secretariat's
    concurrence and starts on it, or on the later day proposed (ToR 19, 28).

    Proposing someone who already leads the group is refused with a warning unless `renew`: then
    the new mandate follows the current one (a renewal), never overlapping it."""
    require(by, "mandate.propose_leader")
    on = on or timezone.localdate()
    if person is None or not person.is_active or getattr(person, "is_former", False):
        raise LeaderProposalRefused(
            gettext("Choose a person with an active account in the portal."), "person"
        )
    if thematic_group is None:
        raise LeaderProposalRefused(
            gettext("Choose the Thematic Group the Leader will lead."), "thematic_group"
        )
    starts_on = starts_on or on
    if starts_on < on:
        raise LeaderProposalRefused(gettext("A Leader's mandate cannot start in the past."), "starts_on")
    _lock_person(person)
    current = _current(
        role=Mandate.Role.LEADER, person=person, thematic_group=thematic_group, starts_on=starts_on
    )
    if current is not None:
        _follow(current, person=person, role=Mandate.Role.LEADER, thematic_group=thematic_group)
        if not renew:
            raise LeaderProposalRefused(
                gettext(
                    "%(person)s already leads %(thematic_group)s until %(last_day)s. To renew the mandate, tick “renew”: the new one follows the current one from %(ends_on)s."
                )
                % {
                    "person": person,
                    "thematic_group": thematic_group,
                    "last_day": date_format(current.last_day, "DATE_FORMAT"),
                    "ends_on": date_format(current.ends_on, "DATE_FORMAT"),
                },
                "renew",
            )
        starts_on = current.ends_on
    mandate = Mandate(
        role=Mandate.Role.LEADER,
        person=person,
        thematic_group=thematic_group,
        starts_on=starts_on,
        ends_on=add_years(starts_on, TENURE_YEARS),
        status=Mandate.Status.PROPOSED,
        decided_by=Mandate.DecidedBy.CHAIR_WITH_SECRETARIAT,
        proposed_by=by,
        notes=notes.strip(),
    )
    mandate.save()
    _reason(mandate, why.RENEWAL_PROPOSED() if current else why.LEADER_PROPOSED())
    from governance.services import appointment_notices

    appointment_notices.leader_proposed(mandate)
    return mandate


class LeaderProposalRefused(DomainError):
    """A refusal on the Chair's page; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _locked_proposal(mandate: Mandate) -> Mandate:
    person_id = Mandate.objects.values_list("person_id", flat=True).get(pk=mandate.pk)
    get_user_model().objects.select_for_update().filter(pk=person_id).first()  # person, then mandate
    return (
        Mandate.objects.select_for_update(of=("self",))
        .select_related("person", "thematic_group")
        .get(pk=mandate.pk)
    )


@transaction.atomic
def mandate_concur(*, by, mandate: Mandate, on: dt.date | None = None) -> Mandate:
    """The Secretariat concurs: the proposed Leader's mandate becomes active, for two years from
    the concurrence or the later day proposed (ToR 19, 28); a renewal follows the current term."""
    require(by, "mandate.concur_leader")
    mandate = _locked_proposal(mandate)
    MANDATE_LIFECYCLE.check(mandate.status, Mandate.Status.ACTIVE)
    on = on or timezone.localdate()
    starts_on = max(mandate.starts_on, on)
    current = _current(
        role=mandate.role,
        person=mandate.person,
        thematic_group=mandate.thematic_group,
        starts_on=starts_on,
        exclude=mandate.pk,
    )
    follows = _follow(
        current, person=mandate.person, role=mandate.role, thematic_group=mandate.thematic_group
    )
    if follows is not None:
        starts_on = follows
    if starts_on != mandate.starts_on:
        mandate.starts_on, mandate.ends_on = starts_on, add_years(starts_on, TENURE_YEARS)
    mandate.concurred_by = by
    transition(
        mandate,
        Mandate.Status.ACTIVE,
        lifecycle=MANDATE_LIFECYCLE,
        by=by,
        reason=why.MANDATE_CONCURRED(),
        fields=["concurred_by", "starts_on", "ends_on"],
    )
    _mark_renewed(current, mandate)
    _grant(mandate)
    from governance.services import appointment_notices

    appointment_notices.leader_concurred(mandate)
    return mandate


@transaction.atomic
def mandate_decline(*, by, mandate: Mandate, reason: str) -> Mandate:
    """The Secretariat declines the Chair's proposal of a Leader, saying why (ToR 19)."""
    require(by, "mandate.concur_leader")
    reason = (reason or "").strip()
    if not reason:
        raise LeaderProposalRefused(
            gettext("Say why the Secretariat declines: the Chair and the nominee are told."), "reason"
        )
    mandate = _locked_proposal(mandate)
    MANDATE_LIFECYCLE.check(mandate.status, Mandate.Status.DECLINED)
    # The reason as typed, in full (the history keeps its first words with the code; the status
    # says it was declined, in the reader's language).
    mandate.notes = f"{mandate.notes}\n\n{reason}".strip()
    transition(
        mandate,
        Mandate.Status.DECLINED,
        lifecycle=MANDATE_LIFECYCLE,
        by=by,
        reason=why.MANDATE_DECLINED(text=reason),
        fields=["notes"],
    )
    from governance.services import appointment_notices

    appointment_notices.leader_declined(mandate, reason)
    return mandate


@transaction.atomic
def mandate_end(
    *, by, mandate: Mandate, ended_on: dt.date | None = None, reason: str = why.MANDATE_ENDED_EARLY()
) -> Mandate:
    """End a mandate before its term: the powers go at once. The Secretariat keeps the register
    (ToR G 23); a holder may also step down (their account deleted at their request)."""
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if by is None or by.pk != mandate.person_id:
        require(by, "registers.keep")
    MANDATE_LIFECYCLE.check(mandate.status, Mandate.Status.ENDED)
    mandate.ended_on = ended_on or timezone.localdate()
    transition(
        mandate, Mandate.Status.ENDED, lifecycle=MANDATE_LIFECYCLE, by=by, reason=reason, fields=["ended_on"]
    )
    _revoke(mandate)
    return mandate


@transaction.atomic
def mandate_renew(*, by, mandate: Mandate, decision=None, meeting=None) -> Mandate:
    """Renew for a further term starting the day the current one ends (ToR 28), by the body that
    appoints: an adopted decision or an annual meeting's election for the Chair, Vice-Chairs and the
    IP Leader; the Chair's proposal with the Secretariat's concurrence for a Leader."""
    mandate = Mandate.objects.select_related("person", "thematic_group").get(pk=mandate.pk)
    if mandate.role == Mandate.Role.LEADER:
        raise DomainError(
            gettext(
                "A Leader's mandate is renewed by the Chair with the Secretariat's concurrence (ToR 19, 28): "
                "the Chair proposes the renewal on the Thematic Group's page."
            )
        )
    if mandate.status != Mandate.Status.ACTIVE:
        raise DomainError(
            gettext("This mandate is “%(status)s”: only an active mandate is renewed.")
            % {"status": mandate.get_status_display()}
        )
    return mandate_appoint(
        by=by,
        role=mandate.role,
        person=mandate.person,
        starts_on=mandate.ends_on,
        decision=decision,
        meeting=meeting,
    )


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
        raise DomainError(gettext("An absence cannot end before it starts."))
    absence = ChairAbsence.objects.create(
        starts_on=starts_on,
        ends_on=ends_on,
        acting_vice_chair=acting_vice_chair,
        reason=reason,
        recorded_by=by,
    )
    _reason(absence, why.CHAIR_ABSENCE_RECORDED())
    return absence

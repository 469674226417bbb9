"""Decisions of the Partners Board: open, vote (one ballot per Partner), close once (ToR 9, 13, 15, 30).

Concurrency: every vote and the closing lock the decision row (`SELECT … FOR UPDATE`). A vote
that reaches the row before the closing is counted; one that reaches it after is refused
with a clear message. The closing computes the result once and stores it with the tally and
the per-Partner votes, so the record never changes afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.utils import update_change_reason

from governance.models import Ballot, Decision, FocalPoint, Hub, Mandate, Nomination, Partner, ToRVersion
from governance.rulebook import require
from governance.services.mandates import mandate_appoint
from governance.services.registers import hub_record_decision
from governance.services.tor import tor_revision_adopt, tor_revision_reject, tor_revision_to_ballot
from kernel.lifecycle import DomainError, Lifecycle

logger = logging.getLogger(__name__)

K, R, C = Decision.Kind, Decision.Rule, Ballot.Choice
DECISION_LIFECYCLE = Lifecycle.of(
    "decision",
    Decision.Status,
    {
        Decision.Status.DRAFT: {Decision.Status.OPEN, Decision.Status.CANCELLED},
        Decision.Status.OPEN: {Decision.Status.CLOSED},
    },
)
# What each kind of decision is about.
TARGET_OF_KIND = {
    K.TOR_REVISION: "tor_version",
    K.CHAIR_APPOINTMENT: "nomination",
    K.VICE_CHAIR_APPOINTMENT: "nomination",
    K.DELIVERABLE_APPROVAL: "deliverable",
    K.HUB_APPROVAL: "hub",
    K.WORKPLAN: "workplan",
    K.OTHER: None,
}
TARGET_LABELS = {
    "tor_version": "the ToR draft",
    "nomination": "the nomination",
    "deliverable": "the deliverable",
    "hub": "the Hub",
    "workplan": "the workplan",
}
ROLE_OF_KIND = {K.CHAIR_APPOINTMENT: Mandate.Role.CHAIR, K.VICE_CHAIR_APPOINTMENT: Mandate.Role.VICE_CHAIR}

# The options on the ballot, by rule.
CHOICES = {
    R.SIMPLE_MAJORITY: [(C.YES, "Yes"), (C.NO, "No"), (C.ABSTAIN, "Abstain")],
    R.TWO_THIRDS: [(C.YES, "Yes"), (C.NO, "No"), (C.ABSTAIN, "Abstain")],
    R.CONSENSUS: [(C.YES, "Yes"), (C.NO, "No"), (C.ABSTAIN, "Abstain")],
    R.SILENCE: [(C.OBJECT, "Object (break the silence)"), (C.YES, "No objection")],
}
# How each rule is explained to the voter, on the ballot page and in the record.
RULE_EXPLANATIONS = {
    R.SIMPLE_MAJORITY: (
        "Adopted when more Partners vote yes than no, provided at least half of the current Partners "
        "cast a ballot. Abstentions count towards the quorum only; a tie is not adopted."
    ),
    R.TWO_THIRDS: (
        "Adopted when at least two-thirds of the yes and no votes cast are yes (abstentions are not "
        "counted) and at least one Partner votes yes."
    ),
    R.CONSENSUS: "Adopted when at least one Partner votes yes and no Partner votes no. Abstentions do not block.",
    R.SILENCE: "Adopted at the deadline unless a Partner objects before it (UN silence procedure).",
}


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason[:100])


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i T")


# Counting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    rule: str
    partners: int
    cast: int
    yes: int
    no: int
    abstain: int
    object: int
    quorum: int | None
    quorum_met: bool | None
    result: str
    explanation: str


def count_votes(*, rule: str, choices: list[str], partners: int) -> Count:
    """The result of a ballot: pure arithmetic on the Partners' choices (tested rule by rule).

    `partners` is the number of current Partners when the ballot closes (the quorum's base)."""
    yes, no = choices.count(C.YES), choices.count(C.NO)
    abstain, objections = choices.count(C.ABSTAIN), choices.count(C.OBJECT)
    cast = len(choices)
    quorum = quorum_met = None
    if rule == R.SIMPLE_MAJORITY:
        quorum = max(1, (partners + 1) // 2)  # at least half: 9 of 17, 8 of 16; never nobody
        quorum_met = cast >= quorum
        if not quorum_met:
            result, why = (
                Decision.Result.NO_QUORUM,
                f"{cast} of {partners} Partners voted; the quorum is {quorum}.",
            )
        elif yes > no:
            result, why = (
                Decision.Result.ADOPTED,
                f"{yes} yes against {no} no, with the quorum of {quorum} met.",
            )
        else:
            result, why = Decision.Result.REJECTED, f"{yes} yes against {no} no: no majority."
    elif rule == R.TWO_THIRDS:
        if yes and 3 * yes >= 2 * (yes + no):
            result, why = (
                Decision.Result.ADOPTED,
                f"{yes} of {yes + no} yes and no votes are yes (two-thirds met).",
            )
        else:
            result, why = (
                Decision.Result.REJECTED,
                f"{yes} of {yes + no} yes and no votes are yes: two-thirds not met.",
            )
    elif rule == R.CONSENSUS:
        if no:
            result, why = Decision.Result.REJECTED, f"{no} Partner(s) voted no: there is no consensus."
        elif yes:
            result, why = Decision.Result.ADOPTED, f"{yes} yes and no Partner against: consensus."
        else:
            result, why = Decision.Result.REJECTED, "No Partner voted yes."
    elif rule == R.SILENCE:
        if objections:
            result, why = (
                Decision.Result.REJECTED,
                f"{objections} Partner(s) objected: the silence was broken.",
            )
        else:
            result, why = Decision.Result.ADOPTED, "No Partner objected before the deadline."
    else:
        raise DomainError(f"Unknown decision rule “{rule}”.")
    return Count(
        rule=str(rule),
        partners=partners,
        cast=cast,
        yes=yes,
        no=no,
        abstain=abstain,
        object=objections,
        quorum=quorum,
        quorum_met=quorum_met,
        result=str(result),
        explanation=why,
    )


def current_partners_count(on: dt.date) -> int:
    return Partner.objects.filter(
        (Q(joined_on__isnull=True) | Q(joined_on__lte=on)) & (Q(left_on__isnull=True) | Q(left_on__gt=on))
    ).count()


# Opening -------------------------------------------------------------------------------


@transaction.atomic
def decision_open(
    *,
    by,
    kind: str,
    question: str,
    deadline: dt.datetime,
    rule: str = R.SIMPLE_MAJORITY,
    description: str = "",
    tor_version: ToRVersion | None = None,
    nomination: Nomination | None = None,
    deliverable=None,
    hub: Hub | None = None,
    workplan=None,
    now: dt.datetime | None = None,
) -> Decision:
    """The Secretariat puts a question to the Partners Board, stating the rule and the deadline."""
    require(by, "decision.open")
    now = now or timezone.now()
    if kind not in K.values:
        raise DomainError("Choose what kind of decision this is.")
    if rule not in R.values:
        raise DomainError("Choose the rule that decides the result.")
    question = question.strip()
    if not question:
        raise DomainError("State the question put to the Partners Board.")
    if deadline is None or deadline <= now:
        raise DomainError("The deadline must be in the future.")
    targets = {
        "tor_version": tor_version,
        "nomination": nomination,
        "deliverable": deliverable,
        "hub": hub,
        "workplan": workplan,
    }
    expected = TARGET_OF_KIND[kind]
    for name, value in targets.items():
        if name == expected and value is None:
            raise DomainError(f"Choose {TARGET_LABELS[name]} this decision is about.")
        if name != expected and value is not None:
            raise DomainError(f"A {K(kind).label} decision is not about {TARGET_LABELS[name]}.")
    if expected:
        target = targets[expected]
        already = Decision.objects.filter(status=Decision.Status.OPEN, **{expected: target})
        if already.exists():
            raise DomainError(f"A ballot on {TARGET_LABELS[expected]} is already open.")
    if kind == K.TOR_REVISION:
        if Decision.objects.filter(status=Decision.Status.OPEN, kind=K.TOR_REVISION).exists():
            raise DomainError(
                "Another ToR revision is on the ballot: wait for its result before opening this one."
            )
        tor_revision_to_ballot(tor_version=tor_version, now=now)
    elif kind in ROLE_OF_KIND and nomination.role != ROLE_OF_KIND[kind]:
        raise DomainError(
            f"This nomination is for {nomination.get_role_display()}, not {ROLE_OF_KIND[kind].label}."
        )
    elif kind == K.HUB_APPROVAL and hub.status != Hub.Status.REQUESTED:
        raise DomainError(
            f"The Hub is “{hub.get_status_display()}”: only a requested Hub is put to the Partners."
        )
    elif kind == K.WORKPLAN and workplan.status != workplan.Status.PRESENTED:
        raise DomainError(
            f"The workplan is “{workplan.get_status_display()}”: the Partners agree a workplan once it "
            "has been presented (ToR 10c-d)."
        )
    elif kind == K.DELIVERABLE_APPROVAL and deliverable.status != deliverable.Status.PROPOSED:
        raise DomainError(
            f"The deliverable is “{deliverable.get_status_display()}”: only a proposed deliverable is approved."
        )
    decision = Decision.objects.create(
        kind=kind,
        question=question,
        description=description.strip(),
        rule=rule,
        status=Decision.Status.OPEN,
        opens_at=now,
        deadline=deadline,
        created_by=by,
        **targets,
    )
    _reason(decision, f"Ballot opened until {_when(deadline)}")
    return decision


# Voting --------------------------------------------------------------------------------


def allowed_choices(rule: str) -> list[tuple[str, str]]:
    return CHOICES[rule]


@transaction.atomic
def ballot_cast(
    *,
    decision: Decision,
    partner: Partner,
    by,
    choice: str,
    comment: str = "",
    now: dt.datetime | None = None,
) -> Ballot:
    """Cast or change the Partner's ballot. One ballot per Partner; every change kept in history.

    The decision row is locked first, so the vote either lands before the closing (and is
    counted) or after it (and is refused with a message): it is never lost."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    now = now or timezone.now()
    if decision.status != Decision.Status.OPEN or (decision.deadline and now >= decision.deadline):
        when = f" at {_when(decision.deadline)}" if decision.deadline else ""
        raise DomainError(f"Voting on this decision closed{when}: your vote was not recorded.")
    require(by, "decision.vote", partner)
    if not partner.is_current(timezone.localdate(now)):
        raise DomainError(f"{partner} is not a current Partner and has no vote.")
    if choice not in dict(CHOICES[decision.rule]):
        options = ", ".join(label for _, label in CHOICES[decision.rule])
        raise DomainError(f"Under this decision's rule the options are: {options}.")
    cast_at = timezone.now()  # taken under the lock, so the order of cast_at is the order of votes
    ballot = Ballot.objects.select_for_update().filter(decision=decision, partner=partner).first()
    if ballot is None:
        ballot = Ballot(decision=decision, partner=partner)
        reason = "Ballot cast"
    else:
        reason = "Ballot changed"
    ballot.choice = choice
    ballot.comment = comment.strip()
    ballot.cast_by = by
    ballot.cast_at = cast_at
    ballot.receipt_code = Ballot.new_receipt_code()
    if ballot.pk:
        ballot.save(update_fields=["choice", "comment", "cast_by", "cast_at", "receipt_code"])
    else:
        ballot.save()
    _reason(ballot, reason)
    _send_receipts_on_commit(ballot, changed=reason == "Ballot changed")
    return ballot


def _send_receipts_on_commit(ballot: Ballot, *, changed: bool) -> None:
    recipients = list(
        FocalPoint.objects.filter(partner_id=ballot.partner_id, ended_on__isnull=True)
        .exclude(person__email="")
        .select_related("person")
        .order_by("person_id")
    )
    context = {
        "ballot": ballot,
        "decision": ballot.decision,
        "partner": ballot.partner,
        "cast_by": ballot.cast_by,
        "changed": changed,
        "choice_label": dict(CHOICES[ballot.decision.rule]).get(ballot.choice, ballot.get_choice_display()),
        "site_url": getattr(settings, "SITE_URL", ""),
    }

    def send() -> None:
        try:
            messages = []
            for focal_point in recipients:
                ctx = {**context, "recipient": focal_point.person}
                subject = f"U4SSC ballot {'changed' if changed else 'cast'}: receipt {ballot.receipt_code}"
                message = EmailMultiAlternatives(
                    subject=subject,
                    body=render_to_string("governance/decisions/email/ballot_receipt.txt", ctx),
                    to=[focal_point.person.email],
                )
                message.attach_alternative(
                    render_to_string("governance/decisions/email/ballot_receipt.html", ctx), "text/html"
                )
                messages.append(message)
            get_connection().send_messages(messages)
        except Exception:  # the ballot is saved; a mail outage must not turn it into an error page
            logger.exception("Could not send the ballot receipts for ballot %s", ballot.pk)

    transaction.on_commit(send)


# Closing -------------------------------------------------------------------------------


@transaction.atomic
def decision_close(*, by, decision: Decision, now: dt.datetime | None = None) -> Decision:
    """Close a decision at its deadline: count once, store, apply the effects. Idempotent.

    `by` is the Secretariat member who closes it ("decision.close"), or None for the scheduled
    closing at the deadline (`decisions_close_due`)."""
    if by is not None:
        require(by, "decision.close")
    now = now or timezone.now()
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status == Decision.Status.CLOSED:
        return decision
    DECISION_LIFECYCLE.check(decision.status, Decision.Status.CLOSED)
    if decision.deadline and now < decision.deadline:
        raise DomainError(f"This decision is open until {_when(decision.deadline)}.")
    ballots = list(decision.ballots.select_related("partner", "cast_by").order_by("partner__acronym"))
    count = count_votes(
        rule=decision.rule,
        choices=[b.choice for b in ballots],
        partners=current_partners_count(timezone.localdate(now)),
    )
    labels = dict(CHOICES[decision.rule])
    decision.tally = {
        **asdict(count),
        "votes": [
            {
                "partner": b.partner.acronym,
                "partner_name": b.partner.name,
                "choice": b.choice,
                "choice_label": labels.get(b.choice, b.get_choice_display()),
                "comment": b.comment,
                "cast_by": b.cast_by.get_full_name() or b.cast_by.get_username(),
                "cast_at": b.cast_at.isoformat(),
            }
            for b in ballots
        ],
    }
    decision.result = count.result
    decision.status = Decision.Status.CLOSED
    decision.closed_at = now
    decision.save(update_fields=["tally", "result", "status", "closed_at"])
    _reason(decision, f"Closed: {decision.get_result_display()}")
    if decision.kind == K.HUB_APPROVAL:  # approved or rejected: the Hub never waits for ever
        hub_record_decision(decision=decision, on=timezone.localdate(now))
    elif decision.result == Decision.Result.ADOPTED:
        _apply_adoption(decision, by=by, on=timezone.localdate(now))
    elif decision.kind == K.TOR_REVISION:
        tor_revision_reject(tor_version=decision.tor_version, decision=decision)
    return decision


def _apply_adoption(decision: Decision, *, by, on: dt.date) -> None:
    if decision.kind == K.TOR_REVISION:
        tor_revision_adopt(tor_version=decision.tor_version, decision=decision, on=on)
    elif decision.kind in ROLE_OF_KIND:
        nomination = decision.nomination
        mandate_appoint(
            by=by, role=nomination.role, person=nomination.nominee, starts_on=on, decision=decision
        )
    elif decision.kind == K.DELIVERABLE_APPROVAL:
        from thematic_groups.services import deliverable_record_approval

        deliverable_record_approval(deliverable=decision.deliverable, decision=decision)
    elif decision.kind == K.WORKPLAN:
        from thematic_groups.services import workplan_record_agreed

        workplan_record_agreed(workplan=decision.workplan, decision=decision, on=on)


def decisions_close_due(*, now: dt.datetime | None = None) -> list[int]:
    """Close every open decision past its deadline (the periodic job). Returns the ids closed."""
    now = now or timezone.now()
    closed = []
    due = Decision.objects.filter(status=Decision.Status.OPEN, deadline__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        try:
            decision_close(by=None, decision=Decision(pk=pk), now=now)
        except Exception:  # one failing decision must not keep the others open
            logger.exception("Could not close decision %s", pk)
        else:
            closed.append(pk)
    return closed


# Nominations ---------------------------------------------------------------------------


@transaction.atomic
def nomination_create(*, by, partner: Partner, role: str, nominee, statement: str = "") -> Nomination:
    """A Partner's focal point nominates a candidate for Chair or Vice-Chair (ToR 13a, 15)."""
    require(by, "mandate.nominate", partner)
    if role not in (Mandate.Role.CHAIR, Mandate.Role.VICE_CHAIR):
        raise DomainError("Partners nominate candidates for Chair or Vice-Chair.")
    if nominee is None or not nominee.is_active:
        raise DomainError("The candidate needs an active account in the portal.")
    if (
        Nomination.objects.filter(role=role, nominee=nominee, nominated_by=partner)
        .filter(decisions__isnull=True)
        .exists()
    ):
        raise DomainError(f"{partner} has already nominated {nominee} for {Mandate.Role(role).label}.")
    nomination = Nomination.objects.create(
        role=role, nominee=nominee, nominated_by=partner, proposed_by=by, statement=statement.strip()
    )
    _reason(nomination, "Candidate nominated")
    return nomination

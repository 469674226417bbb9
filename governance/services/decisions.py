"""Decisions of the Partners Board: open, vote (one ballot per Partner), close once (ToR 9, 13, 15, 30).

Concurrency: every vote and the closing lock the decision row (`SELECT … FOR UPDATE`). A vote
that reaches the row before the closing is counted; one that reaches it after is refused
with a clear message. The closing computes the result once and stores it with the tally and
the per-Partner votes, so the record never changes afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.db.models import Count as CountOf
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import update_change_reason

from governance import decision_kinds
from governance import reasons as why
from governance.models import (
    DECISION_LIFECYCLE,
    Ballot,
    Decision,
    FocalPoint,
    Hub,
    Mandate,
    Nomination,
    Partner,
    PartnerQuerySet,
    ToRVersion,
)
from governance.rulebook import require
from governance.services.tor import (
    tor_revision_ballot_withdrawn,
    tor_revision_to_ballot,
)
from kernel import outbox
from kernel.bounds import COMMENT_MAX_CHARS, text_within
from kernel.lifecycle import DomainError, save_with_reason, transition
from kernel.queue import enqueue_on_commit

logger = logging.getLogger(__name__)

K, R, C = Decision.Kind, Decision.Rule, Ballot.Choice
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
    "tor_version": _("the ToR draft"),
    "nomination": _("the nomination"),
    "deliverable": _("the deliverable"),
    "hub": _("the Hub"),
    "workplan": _("the workplan"),
}
ROLE_OF_KIND = {K.CHAIR_APPOINTMENT: Mandate.Role.CHAIR, K.VICE_CHAIR_APPOINTMENT: Mandate.Role.VICE_CHAIR}

# The options on the ballot, by rule.
CHOICES = {
    R.SIMPLE_MAJORITY: [(C.YES, _("Yes")), (C.NO, _("No")), (C.ABSTAIN, _("Abstain"))],
    R.TWO_THIRDS: [(C.YES, _("Yes")), (C.NO, _("No")), (C.ABSTAIN, _("Abstain"))],
    R.CONSENSUS: [(C.YES, _("Yes")), (C.NO, _("No")), (C.ABSTAIN, _("Abstain"))],
    R.SILENCE: [(C.OBJECT, _("Object (break the silence)")), (C.YES, _("No objection"))],
}
# How each rule is explained to the voter, on the ballot page and in the record.
RULE_EXPLANATIONS = {
    R.SIMPLE_MAJORITY: (
        _(
            "Adopted when more Partners vote yes than no, provided at least half of the current Partners "
            "cast a ballot. Abstentions count towards the quorum only; a tie is not adopted."
        )
    ),
    R.TWO_THIRDS: (
        _(
            "Adopted when at least two-thirds of the yes and no votes cast are yes (abstentions are not "
            "counted) and at least one Partner votes yes."
        )
    ),
    R.CONSENSUS: _(
        "Adopted when at least one Partner votes yes and no Partner votes no. Abstentions do not block."
    ),
    R.SILENCE: _("Adopted at the deadline unless a Partner objects before it (UN silence procedure)."),
}


def _reason(obj, reason: str) -> None:
    update_change_reason(obj, reason)


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i T")


# Counting ------------------------------------------------------------------------------


class Reason:
    """Why a ballot ended as it did: a code stored with the tally (the database keeps facts, never
    sentences); `explain_tally` words it in the reader's language when a page, email or PDF shows it."""

    NO_QUORUM = "no_quorum"
    MAJORITY = "majority"
    NO_MAJORITY = "no_majority"
    TWO_THIRDS_MET = "two_thirds_met"
    TWO_THIRDS_NOT_MET = "two_thirds_not_met"
    NO_CONSENSUS = "no_consensus"
    CONSENSUS = "consensus"
    NO_YES = "no_yes"
    SILENCE_BROKEN = "silence_broken"
    SILENCE_KEPT = "silence_kept"


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
    reason: str

    @property
    def explanation(self) -> str:
        """The reason in the reader's language (worded now, never stored)."""
        return explain_tally(asdict(self))


def _outcome(
    *, rule: str, cast: int, yes: int, no: int, objections: int, quorum: int | None
) -> tuple[str, str]:
    """(result, reason) from the counts: the whole rule, pure arithmetic."""
    if rule == R.SIMPLE_MAJORITY:
        if cast < quorum:
            return Decision.Result.NO_QUORUM, Reason.NO_QUORUM
        if yes > no:
            return Decision.Result.ADOPTED, Reason.MAJORITY
        return Decision.Result.REJECTED, Reason.NO_MAJORITY
    if rule == R.TWO_THIRDS:
        if yes and 3 * yes >= 2 * (yes + no):
            return Decision.Result.ADOPTED, Reason.TWO_THIRDS_MET
        return Decision.Result.REJECTED, Reason.TWO_THIRDS_NOT_MET
    if rule == R.CONSENSUS:
        if no:
            return Decision.Result.REJECTED, Reason.NO_CONSENSUS
        if yes:
            return Decision.Result.ADOPTED, Reason.CONSENSUS
        return Decision.Result.REJECTED, Reason.NO_YES
    if rule == R.SILENCE:
        if objections:
            return Decision.Result.REJECTED, Reason.SILENCE_BROKEN
        return Decision.Result.ADOPTED, Reason.SILENCE_KEPT
    raise DomainError(gettext("Unknown decision rule “%(rule)s”.") % {"rule": rule})


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
    result, reason = _outcome(rule=rule, cast=cast, yes=yes, no=no, objections=objections, quorum=quorum)
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
        reason=reason,
    )


def explain_tally(tally: Mapping) -> str:
    """Why the ballot ended as it did, in the reader's language, from the stored facts. A tally
    stored before the reason was a code (it held an English sentence) gets its reason from the
    same counts, so old records read in every language too."""
    if not tally or "rule" not in tally:
        return ""
    n = {key: tally.get(key) or 0 for key in ("partners", "cast", "yes", "no", "abstain", "object", "quorum")}
    reason = (
        tally.get("reason")
        or _outcome(
            rule=tally["rule"],
            cast=n["cast"],
            yes=n["yes"],
            no=n["no"],
            objections=n["object"],
            quorum=tally.get("quorum"),
        )[1]
    )
    if reason == Reason.NO_QUORUM:
        return (
            ngettext(
                "%(cast)d of %(partners)d Partners voted; the quorum is %(quorum)d.",
                "%(cast)d of %(partners)d Partners voted; the quorum is %(quorum)d.",
                n["partners"],
            )
            % n
        )
    if reason == Reason.MAJORITY:
        return gettext("%(yes)d yes against %(no)d no, with the quorum of %(quorum)d met.") % n
    if reason == Reason.NO_MAJORITY:
        return gettext("%(yes)d yes against %(no)d no: no majority.") % n
    counted = {**n, "counted": n["yes"] + n["no"]}
    if reason == Reason.TWO_THIRDS_MET:
        return gettext("%(yes)d of %(counted)d yes and no votes are yes (two-thirds met).") % counted
    if reason == Reason.TWO_THIRDS_NOT_MET:
        return gettext("%(yes)d of %(counted)d yes and no votes are yes: two-thirds not met.") % counted
    if reason == Reason.NO_CONSENSUS:
        return (
            ngettext(
                "%(no)d Partner voted no: there is no consensus.",
                "%(no)d Partners voted no: there is no consensus.",
                n["no"],
            )
            % n
        )
    if reason == Reason.CONSENSUS:
        return gettext("%(yes)d yes and no Partner against: consensus.") % n
    if reason == Reason.NO_YES:
        return gettext("No Partner voted yes.")
    if reason == Reason.SILENCE_BROKEN:
        return (
            ngettext(
                "%(object)d Partner objected: the silence was broken.",
                "%(object)d Partners objected: the silence was broken.",
                n["object"],
            )
            % n
        )
    if reason == Reason.SILENCE_KEPT:
        return gettext("No Partner objected before the deadline.")
    return ""


def vote_label(rule: str, choice: str) -> str:
    """A vote's choice as the reader says it ("Yes", "No objection"), worded at display time."""
    return str(dict(CHOICES.get(rule, [])).get(choice, choice))


def current_partner_q(on: dt.date, prefix: str = "") -> Q:
    """Partners that are current on `on` (joined, not left); `prefix` reaches them from another model.
    The one definition is the QuerySet's (governance.models.PartnerQuerySet.current_q)."""
    return PartnerQuerySet.current_q(on, prefix)


def current_partners_count(on: dt.date) -> int:
    return Partner.objects.current(on=on).count()


def ballots_of_current_partners(decision: Decision, on: dt.date) -> int:
    return decision.ballots.filter(current_partner_q(on, "partner__")).count()


def every_current_partner_voted(decision: Decision, on: dt.date) -> tuple[bool, int, int]:
    """(all voted, ballots of current Partners, current Partners): two counts."""
    partners = current_partners_count(on)
    cast = ballots_of_current_partners(decision, on)
    return partners > 0 and cast >= partners, cast, partners


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
    unhandled_comments_confirmed: bool = False,
    now: dt.datetime | None = None,
) -> Decision:
    """The Secretariat puts a question to the Partners Board, stating the rule and the deadline.
    A ToR draft with comments "Not yet handled" goes only with `unhandled_comments_confirmed`."""
    require(by, "decision.open")
    now = now or timezone.now()
    if kind not in K.values:
        raise DomainError(gettext("Choose what kind of decision this is."))
    if rule not in R.values:
        raise DomainError(gettext("Choose the rule that decides the result."))
    question = question.strip()
    if not question:
        raise DomainError(gettext("State the question put to the Partners Board."))
    if deadline is None or deadline <= now:
        raise DomainError(gettext("The deadline must be in the future."))
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
            raise DomainError(
                gettext("Choose %(target)s this decision is about.") % {"target": TARGET_LABELS[name]}
            )
        if name != expected and value is not None:
            raise DomainError(
                gettext("A %(label)s decision is not about %(target)s.")
                % {"label": K(kind).label, "target": TARGET_LABELS[name]}
            )
    if expected:
        target = targets[expected]
        already = Decision.objects.filter(status=Decision.Status.OPEN, **{expected: target})
        if already.exists():
            raise DomainError(
                gettext("A ballot on %(target)s is already open.") % {"target": TARGET_LABELS[expected]}
            )
    if kind == K.TOR_REVISION:
        if Decision.objects.filter(status=Decision.Status.OPEN, kind=K.TOR_REVISION).exists():
            raise DomainError(
                gettext("Another ToR revision is on the ballot: wait for its result before opening this one.")
            )
        tor_revision_to_ballot(
            tor_version=tor_version, now=now, unhandled_comments_confirmed=unhandled_comments_confirmed
        )
    elif kind in ROLE_OF_KIND and nomination.role != ROLE_OF_KIND[kind]:
        raise DomainError(
            gettext("This nomination is for %(role)s, not %(label)s.")
            % {"role": nomination.get_role_display(), "label": ROLE_OF_KIND[kind].label}
        )
    elif kind == K.HUB_APPROVAL and hub.status != Hub.Status.REQUESTED:
        raise DomainError(
            gettext("The Hub is “%(status)s”: only a requested Hub is put to the Partners.")
            % {"status": hub.get_status_display()}
        )
    elif kind == K.WORKPLAN and workplan.status != workplan.Status.PRESENTED:
        raise DomainError(
            gettext(
                "The workplan is “%(status)s”: the Partners agree a workplan once it has been presented (ToR 10c-d)."
            )
            % {"status": workplan.get_status_display()}
        )
    elif kind == K.DELIVERABLE_APPROVAL and deliverable.status != deliverable.Status.PROPOSED:
        raise DomainError(
            gettext("The deliverable is “%(status)s”: only a proposed deliverable is approved.")
            % {"status": deliverable.get_status_display()}
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
    _reason(decision, why.BALLOT_OPENED(until=deadline))
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

    The decision row is locked first, shared (FOR SHARE on PostgreSQL): the votes of different
    Partners run side by side, and the closing (FOR UPDATE) waits for those in flight, so a vote
    either lands before the closing (and is counted) or after it (and is refused with a
    message): it is never lost. The Partner's row is locked (FOR NO KEY UPDATE) so two focal
    points of one Partner take turns (issue 17: the decision row locked for the whole vote made
    51 focal points queue one behind the other)."""
    decision = _lock_shared(decision.pk)
    now = now or timezone.now()
    if decision.status == Decision.Status.WITHDRAWN:
        raise DomainError(gettext("The Secretariat withdrew this ballot: your vote was not recorded."))
    if decision.status != Decision.Status.OPEN or (decision.deadline and now >= decision.deadline):
        when = f" at {_when(decision.deadline)}" if decision.deadline else ""
        raise DomainError(
            gettext("Voting on this decision closed%(when)s: your vote was not recorded.") % {"when": when}
        )
    require(by, "decision.vote", partner)
    if not partner.is_current(timezone.localdate(now)):
        raise DomainError(
            gettext("%(partner)s is not a current Partner and has no vote.") % {"partner": partner}
        )
    if choice not in dict(CHOICES[decision.rule]):
        options = ", ".join(str(label) for _, label in CHOICES[decision.rule])
        raise DomainError(
            gettext("Under this decision's rule the options are: %(options)s.") % {"options": options}
        )
    Partner.objects.select_for_update(no_key=True).filter(pk=partner.pk).values_list("pk").first()
    cast_at = timezone.now()  # taken under the Partner's lock: the order of its votes
    ballot = Ballot.objects.filter(decision=decision, partner=partner).first()
    if ballot is None:
        ballot = Ballot(decision=decision, partner=partner)
        reason = why.BALLOT_CAST()
    else:
        reason = why.BALLOT_CHANGED()
    ballot.decision = decision  # the locked row: the caller sees it closed if this vote closed it
    ballot.choice = choice
    ballot.comment = text_within(comment.strip(), COMMENT_MAX_CHARS, what=gettext("The comment"))
    ballot.cast_by = by
    ballot.cast_at = cast_at
    ballot.receipt_code = Ballot.new_receipt_code()
    # The history row is written with its reason (not written, read back and updated): two
    # statements fewer while the decision row is locked (issue 17).
    changed = ["choice", "comment", "cast_by", "cast_at", "receipt_code"] if ballot.pk else None
    save_with_reason(ballot, reason, by=by, update_fields=changed)
    _queue_receipts(ballot, changed=reason == why.BALLOT_CHANGED())
    _close_if_every_partner_voted(decision, now=now, first=reason == why.BALLOT_CAST())
    return ballot


def _lock_shared(pk: int) -> Decision:
    """The decision row locked FOR SHARE (Django has only FOR UPDATE); elsewhere (SQLite, whose
    writers take turns anyway) as before."""
    if connection.vendor != "postgresql":
        return Decision.objects.select_for_update().get(pk=pk)
    table = connection.ops.quote_name(Decision._meta.db_table)
    found = list(Decision.objects.raw(f"SELECT {table}.* FROM {table} WHERE id = %s FOR SHARE", [pk]))
    if not found:
        raise Decision.DoesNotExist(pk)
    return found[0]


def _close_if_every_partner_voted(decision: Decision, *, now: dt.datetime, first: bool) -> None:
    """The last current Partner has voted: count now rather than at the deadline. In a savepoint,
    so an effect that fails leaves the vote recorded and the ballot open (the job retries).

    Votes of different Partners run side by side: two last votes at once each see only their own
    ballot and the committed ones, and neither closes. So a Partner's first ballot also asks,
    after its commit, a task that sees them all (`decision_close_if_every_partner_voted`)."""
    if not first:
        # A changed vote changes no count: whoever voted had voted. If every Partner had, the
        # first ballots' task (or the minute job) closes the decision; two counts fewer under
        # the locks for the busy hour's changes of vote (issue 17).
        return
    everyone = every_current_partner_voted(decision, timezone.localdate(now))[0]
    if not everyone:
        from governance import tasks

        enqueue_on_commit(tasks.close_if_every_partner_voted, decision.pk)
        return
    try:
        with transaction.atomic():
            Decision.objects.select_for_update().filter(pk=decision.pk).values_list("pk").first()
            _count_and_close(decision, now=now, early=True)
    except Exception:  # two changes of vote closing at once: one deadlocks; the task closes it
        logger.exception("Could not close decision %s once every Partner had voted", decision.pk)
        from governance import tasks

        enqueue_on_commit(tasks.close_if_every_partner_voted, decision.pk)


def decision_close_if_every_partner_voted(*, decision_id: int, now: dt.datetime | None = None) -> bool:
    """After a vote's commit (governance.tasks.close_if_every_partner_voted): close the decision
    if every current Partner has now voted. Idempotent (decision_close checks again under its lock)."""
    now = now or timezone.now()
    decision = Decision.objects.filter(pk=decision_id, status=Decision.Status.OPEN).first()
    if decision is None or not every_current_partner_voted(decision, timezone.localdate(now))[0]:
        return False
    decision_close(by=None, decision=decision, now=now)
    return True


def _queue_receipts(ballot: Ballot, *, changed: bool) -> None:
    """A receipt to each current focal point of the Partner, queued in the vote's transaction
    (kernel/outbox.py): it says what was cast now, even if the vote changes before it leaves."""
    from governance.emails import BALLOT_RECEIPT

    recipients = (
        FocalPoint.objects.filter(partner_id=ballot.partner_id, ended_on__isnull=True)
        .exclude(person__email="")
        .select_related("person")
        .only("person", "person__email", "person__language")  # what a row takes (its address, language)
        .order_by("person_id")
    )
    context = {
        "decision_id": ballot.decision_id,
        "partner_id": ballot.partner_id,
        "cast_by_id": ballot.cast_by_id,
        "choice": ballot.choice,
        "receipt_code": ballot.receipt_code,
        "cast_at": ballot.cast_at.isoformat(),
        "changed": changed,
    }
    # one read and one insert for the Partner's focal points (issue 17: under the Partner's lock)
    outbox.enqueue_each(
        to_keys=[
            (focal_point.person, f"ballot_receipt:{ballot.receipt_code}:{focal_point.person_id}")
            for focal_point in recipients
        ],
        template=BALLOT_RECEIPT,
        kind="ballot_receipt",
        context=context,
    )


# Closing -------------------------------------------------------------------------------


@transaction.atomic
def decision_close(*, decision: Decision, by=None, now: dt.datetime | None = None) -> Decision:
    """Close a decision at its deadline, or earlier once every current Partner has voted: count
    once, store, apply the effects. Idempotent. `by` is the Secretariat member closing it by hand
    (asked of the rulebook); None is the closing job."""
    if by is not None:
        require(by, "decision.close")
    now = now or timezone.now()
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status == Decision.Status.CLOSED:
        return decision
    DECISION_LIFECYCLE.check(decision.status, Decision.Status.CLOSED)
    early = bool(decision.deadline and now < decision.deadline)
    if early:
        everyone, cast, partners = every_current_partner_voted(decision, timezone.localdate(now))
        if not everyone:
            raise DomainError(
                gettext(
                    "This decision is open until %(deadline)s: %(cast)s of %(partners)s current Partners have voted, and it closes earlier only once every one of them has."
                )
                % {"deadline": _when(decision.deadline), "cast": cast, "partners": partners}
            )
    return _count_and_close(decision, now=now, early=early, by=by)


def _count_and_close(decision: Decision, *, now: dt.datetime, early: bool, by=None) -> Decision:
    """Count the locked, open decision and apply its effect (inside the caller's transaction)."""
    ballots = list(decision.ballots.select_related("partner", "cast_by").order_by("partner__acronym"))
    count = count_votes(
        rule=decision.rule,
        choices=[b.choice for b in ballots],
        partners=current_partners_count(timezone.localdate(now)),
    )
    decision.tally = {
        **asdict(count),
        "votes": [
            {
                "partner": b.partner.acronym,
                "partner_name": b.partner.name,
                "choice": b.choice,
                "comment": b.comment,
                "cast_by": b.cast_by.get_full_name() or b.cast_by.get_username(),
                "cast_at": b.cast_at.isoformat(),
            }
            for b in ballots
        ],
    }
    decision.result = count.result
    decision.closed_at = now
    transition(
        decision,
        Decision.Status.CLOSED,
        lifecycle=DECISION_LIFECYCLE,
        by=by,
        reason=(why.DECISION_CLOSED_EARLY if early else why.DECISION_CLOSED)(result=decision.result),
        fields=["tally", "result", "closed_at"],
    )
    # The effect on the records the decision is about, registered by the app that owns them.
    decision_kinds.apply_result(
        decision, adopted=decision.result == Decision.Result.ADOPTED, on=timezone.localdate(now)
    )
    return decision


def decisions_close_due(*, now: dt.datetime | None = None) -> list[int]:
    """Close every open decision past its deadline, or on which every current Partner has voted
    (the periodic job; it catches a closing the vote itself could not make). Returns the ids closed."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    closed = []
    partners = current_partners_count(on)
    voted = (
        Ballot.objects.filter(decision=OuterRef("pk"))
        .filter(current_partner_q(on, "partner__"))
        .order_by()
        .values("decision")
        .annotate(n=CountOf("pk"))
        .values("n")
    )
    due = (
        Decision.objects.filter(status=Decision.Status.OPEN)
        .annotate(voted=Coalesce(Subquery(voted), 0))
        .filter(Q(deadline__lte=now) | Q(voted__gte=max(partners, 1)))
        .values_list("pk", flat=True)
    )
    for pk in list(due):
        try:
            decision_close(by=None, decision=Decision(pk=pk), now=now)
        except Exception:  # one failing decision must not keep the others open
            logger.exception("Could not close decision %s", pk)
        else:
            closed.append(pk)
    return closed


# Extending and withdrawing a running ballot -------------------------------------------------

MAX_EXTENSION = dt.timedelta(days=366)


# Whole sentences per action (a translator sees each one; a verb slotted in would not agree).
_NOT_RUNNING = {
    "extended": _("The ballot is “%(status)s”: only a running ballot is extended."),
    "withdrawn": _("The ballot is “%(status)s”: only a running ballot is withdrawn."),
}
_PAST_DEADLINE = {
    "extended": _("The deadline passed at %(deadline)s: the ballot is counted now, not extended."),
    "withdrawn": _("The deadline passed at %(deadline)s: the ballot is counted now, not withdrawn."),
}
_REASON_NEEDED = {
    "extended": _("Say why the ballot is extended: the Partners are told."),
    "withdrawn": _("Say why the ballot is withdrawn: the Partners are told."),
}


def _lock_running(decision: Decision, now: dt.datetime, doing: str) -> Decision:
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.OPEN:
        raise DomainError(_NOT_RUNNING[doing] % {"status": decision.get_status_display()})
    if decision.deadline and now >= decision.deadline:
        raise DomainError(_PAST_DEADLINE[doing] % {"deadline": _when(decision.deadline)})
    return decision


def _clean_reason(reason: str, doing: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(str(_REASON_NEEDED[doing]))
    return reason


@transaction.atomic
def decision_extend(
    *, by, decision: Decision, deadline: dt.datetime, reason: str, now: dt.datetime | None = None
) -> Decision:
    """The Secretariat moves a running ballot's deadline later; the Partners' focal points are told why."""
    require(by, "decision.extend")
    now = now or timezone.now()
    decision = _lock_running(decision, now, "extended")
    DECISION_LIFECYCLE.check(decision.status, Decision.Status.OPEN)
    reason = _clean_reason(reason, "extended")
    if deadline is None or deadline <= decision.deadline:
        raise DomainError(
            gettext(
                "The new deadline must come after the current one (%(deadline)s): a ballot is extended, never shortened."
            )
            % {"deadline": _when(decision.deadline)}
        )
    if deadline > now + MAX_EXTENSION:
        raise DomainError(gettext("The new deadline must be within a year."))
    previous = decision.deadline
    decision.deadline = deadline
    decision.change_note = reason
    transition(  # open -> open: the table allows an extension, and the history says why
        decision,
        Decision.Status.OPEN,
        lifecycle=DECISION_LIFECYCLE,
        by=by,
        reason=why.DEADLINE_EXTENDED(was=previous, until=deadline),
        fields=["deadline", "change_note"],
    )
    tell_partners(decision, event="extended", previous_deadline=previous)
    return decision


@transaction.atomic
def decision_withdraw(*, by, decision: Decision, reason: str, now: dt.datetime | None = None) -> Decision:
    """The Secretariat withdraws a running ballot: nothing is counted, a ToR draft goes back to
    draft, a nomination, a Hub request or a deliverable stays as it was (it may be put again)."""
    require(by, "decision.withdraw")
    now = now or timezone.now()
    decision = _lock_running(decision, now, "withdrawn")
    DECISION_LIFECYCLE.check(decision.status, Decision.Status.WITHDRAWN)
    reason = _clean_reason(reason, "withdrawn")
    decision.change_note = reason
    decision.closed_at = now
    transition(
        decision,
        Decision.Status.WITHDRAWN,
        lifecycle=DECISION_LIFECYCLE,
        by=by,
        reason=why.DECISION_WITHDRAWN(),
        fields=["change_note", "closed_at"],
    )
    if decision.kind == K.TOR_REVISION:
        tor_revision_ballot_withdrawn(tor_version=decision.tor_version, decision=decision)
    tell_partners(decision, event="withdrawn")
    return decision


def tell_partners(decision: Decision, *, event: str, previous_deadline: dt.datetime | None = None) -> None:
    """Tell every current focal point that a running ballot changed ("extended" or "withdrawn"):
    one outbox email each, queued in the change's transaction (kernel/outbox.py), with the facts
    of the moment (deadline, reason), so a later change does not rewrite an email not yet sent."""
    from governance.emails import DECISION_CHANGED

    on = timezone.localdate()
    people = (
        FocalPoint.objects.filter(current_partner_q(on, "partner__"), started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .filter(person__is_active=True)
        .exclude(person__email="")
        .select_related("person")
        .only("person", "person__email", "person__language")  # what a row takes (its address, language)
        .order_by("person_id")
    )
    context = {
        "decision_id": decision.pk,
        "deadline": decision.deadline.isoformat(),
        "previous_deadline": previous_deadline.isoformat() if previous_deadline else "",
        "reason": decision.change_note,
    }
    seen = set()
    for focal_point in people:
        if focal_point.person_id in seen:
            continue
        seen.add(focal_point.person_id)
        outbox.enqueue(
            to=focal_point.person,
            template=DECISION_CHANGED.format(event=event),
            kind=f"decision_{event}",
            context=context,
            dedupe_key=f"decision_{event}:{decision.pk}:{context['deadline']}:{focal_point.person_id}",
        )


# Nominations ---------------------------------------------------------------------------

# A nomination on a ballot that runs or ran; one whose ballot was withdrawn may be put again.
BALLOTED = (Decision.Status.OPEN, Decision.Status.CLOSED)


@transaction.atomic
def nomination_create(*, by, partner: Partner, role: str, nominee, statement: str = "") -> Nomination:
    """A Partner's focal point nominates a candidate for Chair or Vice-Chair (ToR 13a, 15)."""
    require(by, "mandate.nominate", partner)
    if role not in (Mandate.Role.CHAIR, Mandate.Role.VICE_CHAIR):
        raise DomainError(gettext("Partners nominate candidates for Chair or Vice-Chair."))
    if nominee is None or not nominee.is_active:
        raise DomainError(gettext("The candidate needs an active account in the portal."))
    if (
        Nomination.objects.filter(role=role, nominee=nominee, nominated_by=partner)
        .exclude(decisions__status__in=BALLOTED)
        .exists()
    ):
        raise DomainError(
            gettext("%(partner)s has already nominated %(nominee)s for %(label)s.")
            % {"partner": partner, "nominee": nominee, "label": Mandate.Role(role).label}
        )
    nomination = Nomination.objects.create(
        role=role, nominee=nominee, nominated_by=partner, proposed_by=by, statement=statement.strip()
    )
    _reason(nomination, why.CANDIDATE_NOMINATED())
    return nomination

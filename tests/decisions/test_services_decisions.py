"""Opening, voting and closing through the services."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from governance import services, tasks
from governance.models import Ballot, Decision, Hub
from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.cast import make_partner
from tests.decisions.conftest import close_at_deadline, in_days, open_other

R = Decision.Rule


def test_secretariat_opens_a_decision_with_its_rule_and_deadline(cast):
    deadline = in_days(5)
    decision = open_other(cast, rule=R.TWO_THIRDS, deadline=deadline)
    assert decision.status == Decision.Status.OPEN
    assert decision.rule == R.TWO_THIRDS
    assert decision.deadline == deadline
    assert said(decision.history.first().history_change_reason).startswith("Ballot opened")


def test_a_focal_point_cannot_open_a_decision(cast):
    with pytest.raises(RuleDenied):
        open_other(cast.__class__(**{**cast.__dict__, "secretariat": cast.focal_a}))
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"deadline": "past"}, "must be in the future"),
        ({"kind": Decision.Kind.HUB_APPROVAL}, "Choose the Hub"),
        ({"question": "  "}, "State the question"),
    ],
)
def test_bad_opening_is_refused_with_a_message(cast, kwargs, message):
    args = {"by": cast.secretariat, "kind": Decision.Kind.OTHER, "question": "Q?", "deadline": in_days(3)}
    if kwargs.get("deadline") == "past":
        kwargs = {"deadline": timezone.now() - dt.timedelta(minutes=1)}
    with pytest.raises(DomainError, match=message):
        services.decision_open(**{**args, **kwargs})
    assert not Decision.objects.exists()


def test_other_question_cannot_name_a_target(cast):
    hub = Hub.objects.create(name="Hub", country="Spain", partner=cast.partner_a)
    with pytest.raises(DomainError, match="not about the Hub"):
        services.decision_open(
            by=cast.secretariat, kind=Decision.Kind.OTHER, question="Q?", deadline=in_days(3), hub=hub
        )


def test_first_ballot_is_cast_with_a_receipt(cast, decision, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = services.ballot_cast(
            decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes"
        )
    assert ballot.cast_by == cast.focal_a
    assert len(ballot.receipt_code) == 12
    # both focal points of WMO get the confirmation, with the receipt code, as HTML and text
    assert sorted(m.to[0] for m in mail.outbox) == ["focal_a2@example.org", "focal_a@example.org"]
    message = mail.outbox[0]
    assert ballot.receipt_code in message.subject and ballot.receipt_code in message.body
    assert ballot.receipt_code in message.alternatives[0].content
    assert "Yes" in message.body


def test_second_ballot_for_same_partner_replaces_the_first_with_history_kept(cast, decision):
    first = services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    second = services.ballot_cast(
        decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="no", comment="On reflection"
    )
    assert Ballot.objects.filter(decision=decision, partner=cast.partner_a).count() == 1
    assert second.pk == first.pk
    assert second.receipt_code != first.receipt_code
    ballot = Ballot.objects.get(pk=first.pk)
    assert (ballot.choice, ballot.cast_by, ballot.comment) == ("no", cast.focal_a2, "On reflection")
    history = list(ballot.history.order_by("history_id"))
    assert [(h.choice, h.cast_by_id) for h in history] == [("yes", cast.focal_a.pk), ("no", cast.focal_a2.pk)]
    assert [said(h.history_change_reason) for h in history] == ["Ballot cast", "Ballot changed"]


def test_a_focal_point_cannot_vote_for_another_partner(cast, decision):
    with pytest.raises(RuleDenied):
        services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_a, choice="yes")
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("person", ["chair", "participant", "leader_x"])
def test_only_focal_points_vote(cast, decision, person):
    with pytest.raises(RuleDenied):
        services.ballot_cast(
            decision=decision, partner=cast.partner_a, by=getattr(cast, person), choice="yes"
        )
    assert not Ballot.objects.exists()


def test_vote_after_the_deadline_is_refused_and_nothing_changes(cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    with pytest.raises(DomainError, match="Voting on this decision closed at .*your vote was not recorded"):
        services.ballot_cast(
            decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="no", now=decision.deadline
        )
    ballot = Ballot.objects.get()
    assert (ballot.choice, ballot.cast_by) == ("yes", cast.focal_a)
    assert ballot.history.count() == 1


def test_vote_on_a_closed_decision_is_refused(cast, decision):
    close_at_deadline(decision)
    with pytest.raises(DomainError, match="closed"):
        services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    assert not Ballot.objects.exists()


def test_object_is_not_an_option_outside_the_silence_procedure(cast, decision):
    with pytest.raises(DomainError, match="options are: Yes, No, Abstain"):
        services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="object")
    assert not Ballot.objects.exists()


def test_a_partner_that_left_has_no_vote(cast, decision):
    cast.partner_b.left_on = timezone.localdate() - dt.timedelta(days=1)
    cast.partner_b.save()
    with pytest.raises((DomainError, RuleDenied)):
        services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="yes")


def test_closing_before_the_deadline_is_refused(cast, decision):
    with pytest.raises(DomainError, match="open until"):
        services.decision_close(by=None, decision=decision)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


def test_closing_counts_once_and_stores_the_votes(cast, decision):
    services.ballot_cast(
        decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes", comment="Fine"
    )
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="abstain")
    closed = close_at_deadline(decision)
    # 4 current Partners (ITU, UNECE, WMO, UNDP): quorum 2, met by 2 ballots; 1 yes against 0 no
    assert closed.result == Decision.Result.ADOPTED
    assert closed.closed_at == decision.deadline
    assert closed.tally["partners"] == 4 and closed.tally["quorum"] == 2
    assert [(v["partner"], v["choice"], v["cast_by"]) for v in closed.tally["votes"]] == [
        ("UNDP", "abstain", "Focal_B Tester"),
        ("WMO", "yes", "Focal_A Tester"),
    ]
    stored = dict(closed.tally)
    # more Partners join afterwards: closing again changes nothing
    for acronym in ("FAO", "ILO", "UNEP", "WHO"):
        make_partner(acronym)
    again = services.decision_close(by=None, decision=decision, now=decision.deadline + dt.timedelta(days=3))
    again.refresh_from_db()
    assert again.tally == stored and again.result == Decision.Result.ADOPTED
    assert again.closed_at == decision.deadline
    assert again.history.filter(history_change_reason__startswith="decision.closed").count() == 1


def test_no_quorum_is_not_adopted(cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    assert close_at_deadline(decision).result == Decision.Result.NO_QUORUM


def test_silence_procedure_without_objection_is_adopted_at_the_deadline(cast):
    decision = open_other(cast, rule=R.SILENCE)
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="yes")
    closed = close_at_deadline(decision)
    assert closed.result == Decision.Result.ADOPTED
    assert closed.tally["object"] == 0


def test_silence_procedure_with_an_objection_is_rejected(cast):
    decision = open_other(cast, rule=R.SILENCE)
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="object")
    closed = close_at_deadline(decision)
    assert closed.result == Decision.Result.REJECTED
    assert closed.tally["object"] == 1


def test_silence_procedure_objection_withdrawn_before_the_deadline(cast):
    decision = open_other(cast, rule=R.SILENCE)
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="object")
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a2, choice="yes")
    assert close_at_deadline(decision).result == Decision.Result.ADOPTED


def test_silence_procedure_refuses_yes_no_abstain_wording(cast):
    decision = open_other(cast, rule=R.SILENCE)
    with pytest.raises(DomainError, match="Object"):
        services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")


def test_the_periodic_task_closes_every_decision_past_its_deadline(cast):
    due = open_other(cast, deadline=in_days(1), question="Due?")
    later = open_other(cast, deadline=in_days(9), question="Later?")
    Decision.objects.filter(pk=due.pk).update(opens_at=in_days(-3), deadline=in_days(-1 / 24))
    assert tasks.close_due_decisions.delay().get() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Decision.Status.CLOSED and due.result == Decision.Result.NO_QUORUM
    assert later.status == Decision.Status.OPEN
    assert tasks.close_due_decisions() == 0  # idempotent


def test_nomination_by_a_focal_point_and_not_by_others(cast):
    nomination = services.nomination_create(
        by=cast.focal_a, partner=cast.partner_a, role="vice_chair", nominee=cast.participant
    )
    assert nomination.nominated_by == cast.partner_a and nomination.proposed_by == cast.focal_a
    with pytest.raises(RuleDenied):
        services.nomination_create(
            by=cast.focal_a, partner=cast.partner_b, role="chair", nominee=cast.participant
        )
    with pytest.raises(RuleDenied):
        services.nomination_create(
            by=cast.chair, partner=cast.partner_a, role="chair", nominee=cast.participant
        )
    with pytest.raises(DomainError, match="already nominated"):
        services.nomination_create(
            by=cast.focal_a2, partner=cast.partner_a, role="vice_chair", nominee=cast.participant
        )

"""A running ballot the Secretariat can run: extend it (Partners told, reason kept), withdraw it
(a ToR draft goes back to draft, nominations stay), close it once every current Partner has
voted; and a ToR draft with unhandled comments goes to the ballot only when confirmed."""

import datetime as dt

import pytest
from django.core import mail

from governance import services
from governance.models import Decision, Nomination, ToRVersion
from governance.rulebook import RuleDenied
from governance.selectors import nominations_open
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.cast import make_person
from tests.decisions.conftest import in_days, open_other


@pytest.fixture
def unece_focal(cast):
    person = make_person("unece_fp")
    services.focal_point_add(partner=cast.unece, person=person, by=cast.secretariat)
    return person


def every_partner(cast, unece_focal):
    return [
        (cast.itu, cast.secretariat),
        (cast.unece, unece_focal),
        (cast.partner_a, cast.focal_a),
        (cast.partner_b, cast.focal_b),
    ]


def put_tor_to_ballot(cast, draft, **extra):
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.TOR_REVISION,
        question=f"Do the Partners approve version {draft.number}?",
        deadline=in_days(14),
        tor_version=draft,
        **extra,
    )


# Extending -----------------------------------------------------------------------------------


def test_the_secretariat_extends_a_running_ballot_and_every_focal_point_is_told_why(
    cast, decision, django_capture_on_commit_callbacks
):
    old = decision.deadline
    with django_capture_on_commit_callbacks(execute=True):
        extended = services.decision_extend(
            by=cast.secretariat,
            decision=decision,
            deadline=old + dt.timedelta(days=7),
            reason="Few votes so far.",
        )
    assert extended.deadline == old + dt.timedelta(days=7) and extended.status == Decision.Status.OPEN
    assert extended.change_note == "Few votes so far."
    assert said(extended.history.first().history_change_reason).startswith("Deadline extended from")
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == [
        "focal_a2@example.org",
        "focal_a@example.org",
        "focal_b@example.org",
        "secretariat@example.org",
    ]
    assert all("Ballot extended" in m.subject and "Few votes so far." in m.body for m in mail.outbox)


@pytest.mark.parametrize("who", ["focal_a", "chair", "leader_x"])
def test_only_the_secretariat_extends_a_ballot(cast, decision, who):
    with pytest.raises(RuleDenied):
        services.decision_extend(
            by=getattr(cast, who), decision=decision, deadline=in_days(30), reason="Longer."
        )
    decision.refresh_from_db()
    assert decision.deadline < in_days(8)


@pytest.mark.parametrize(
    "deadline, reason, message",
    [
        (lambda d: d - dt.timedelta(hours=1), "Shorter", "never shortened"),
        (lambda d: d + dt.timedelta(days=1), "   ", "Say why the ballot is extended"),
        (lambda d: d + dt.timedelta(days=400), "Much longer", "within a year"),
    ],
)
def test_a_bad_extension_is_refused_and_changes_nothing(cast, decision, deadline, reason, message):
    old = decision.deadline
    with pytest.raises(DomainError, match=message):
        services.decision_extend(
            by=cast.secretariat, decision=decision, deadline=deadline(old), reason=reason
        )
    decision.refresh_from_db()
    assert decision.deadline == old and decision.change_note == ""


def test_a_ballot_past_its_deadline_is_counted_not_extended(cast, decision):
    with pytest.raises(DomainError, match="counted now, not extended"):
        services.decision_extend(
            by=cast.secretariat,
            decision=decision,
            deadline=decision.deadline + dt.timedelta(days=3),
            reason="Late",
            now=decision.deadline,
        )


# Withdrawing ---------------------------------------------------------------------------------


def test_withdrawing_a_tor_ballot_puts_the_draft_back_to_draft_with_its_comments(
    cast, draft, django_capture_on_commit_callbacks
):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(2))
    comment = services.tor_comment_add(by=cast.focal_a, tor_version=draft, text="Add Hubs.")
    services.tor_comment_handle(by=cast.secretariat, comment=comment, handling="accepted")
    decision = put_tor_to_ballot(cast, draft, now=in_days(3))
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_withdraw(
            by=cast.secretariat, decision=decision, reason="Clause 5 needs another look."
        )
    decision.refresh_from_db()
    draft.refresh_from_db()
    assert decision.status == Decision.Status.WITHDRAWN and decision.result == "" and decision.tally == {}
    assert decision.change_note == "Clause 5 needs another look."
    assert draft.status == ToRVersion.Status.DRAFT and draft.comments.count() == 1
    assert (
        said(draft.history.first().history_change_reason) == f"Back to draft: ballot {decision.pk} withdrawn"
    )
    assert {m.subject for m in mail.outbox} == {f"[U4SSC] Ballot withdrawn: {decision.question}"}
    assert "Clause 5 needs another look." in mail.outbox[0].body
    # the draft can be edited and put to a new ballot
    services.clause_edit(by=cast.secretariat, clause=draft.clauses.get(key="5"), text="The workplan:")
    assert put_tor_to_ballot(cast, draft).status == Decision.Status.OPEN


def test_a_vote_on_a_withdrawn_ballot_is_refused(cast, decision):
    services.decision_withdraw(by=cast.secretariat, decision=decision, reason="Wrong question.")
    with pytest.raises(DomainError, match="withdrew this ballot"):
        services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")


def test_a_nomination_stays_when_its_ballot_is_withdrawn_and_can_be_put_again(cast):
    nomination = services.nomination_create(
        by=cast.focal_a, partner=cast.partner_a, role="chair", nominee=cast.leader_x
    )
    decision = services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.CHAIR_APPOINTMENT,
        question="Appoint Leader_X as Chair?",
        deadline=in_days(7),
        nomination=nomination,
    )
    assert nomination not in nominations_open()
    services.decision_withdraw(by=cast.secretariat, decision=decision, reason="Candidate asked for time.")
    assert Nomination.objects.filter(pk=nomination.pk).exists()
    assert nomination in nominations_open()
    again = services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.CHAIR_APPOINTMENT,
        question="Appoint Leader_X as Chair?",
        deadline=in_days(7),
        nomination=nomination,
    )
    assert again.status == Decision.Status.OPEN


@pytest.mark.parametrize("who", ["focal_a", "vice_chair"])
def test_only_the_secretariat_withdraws_a_ballot(cast, decision, who):
    with pytest.raises(RuleDenied):
        services.decision_withdraw(by=getattr(cast, who), decision=decision, reason="No.")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


def test_a_withdrawal_needs_a_reason_and_a_running_ballot(cast, decision):
    with pytest.raises(DomainError, match="Say why the ballot is withdrawn"):
        services.decision_withdraw(by=cast.secretariat, decision=decision, reason="")
    services.decision_withdraw(by=cast.secretariat, decision=decision, reason="Withdrawn once.")
    with pytest.raises(DomainError, match="only a running ballot is withdrawn"):
        services.decision_withdraw(by=cast.secretariat, decision=decision, reason="Twice.")


# Closing once every current Partner has voted -----------------------------------------------------


def test_the_last_current_partners_vote_closes_the_ballot_at_once(cast, decision, unece_focal):
    votes = every_partner(cast, unece_focal)
    for partner, person in votes[:-1]:
        services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN
    partner, person = votes[-1]
    services.ballot_cast(decision=decision, partner=partner, by=person, choice="no")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.CLOSED and decision.result == Decision.Result.ADOPTED
    assert decision.tally["cast"] == 4 and decision.closed_at < decision.deadline
    assert (
        said(decision.history.first().history_change_reason)
        == "Closed early: every current Partner voted: Adopted"
    )


def test_an_adopted_tor_revision_takes_effect_as_soon_as_every_partner_voted(cast, draft, unece_focal):
    decision = put_tor_to_ballot(cast, draft)
    for partner, person in every_partner(cast, unece_focal):
        services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.IN_FORCE


def test_the_secretariat_cannot_close_early_while_a_partner_has_not_voted(cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    with pytest.raises(DomainError, match="1 of 4 current Partners have voted"):
        services.decision_close(by=cast.secretariat, decision=decision)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


def test_only_the_secretariat_closes_by_hand(cast, decision):
    with pytest.raises(RuleDenied):
        services.decision_close(by=cast.focal_a, decision=decision, now=decision.deadline)
    closed = services.decision_close(by=cast.secretariat, decision=decision, now=decision.deadline)
    assert closed.status == Decision.Status.CLOSED


def test_the_job_closes_a_ballot_every_current_partner_voted_on_once_a_partner_left(cast, decision):
    for partner, person in [
        (cast.itu, cast.secretariat),
        (cast.partner_a, cast.focal_a),
        (cast.partner_b, cast.focal_b),
    ]:
        services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
    other = open_other(cast, question="Another question?")
    assert services.decisions_close_due() == []
    cast.unece.left_on = dt.date(2020, 1, 1)  # UNECE no longer a Partner: everyone current has voted
    cast.unece.save(update_fields=["left_on"])
    assert services.decisions_close_due() == [decision.pk]
    other.refresh_from_db()
    assert other.status == Decision.Status.OPEN


# A ToR draft with comments not yet handled ---------------------------------------------------------


def test_a_tor_draft_with_unhandled_comments_needs_the_secretariat_to_confirm(cast, draft):
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(2))
    services.tor_comment_add(by=cast.focal_a, tor_version=draft, text="Add Hubs.")
    with pytest.raises(DomainError, match="1 comment\\(s\\) on version 2 are still “Not yet handled”"):
        put_tor_to_ballot(cast, draft, now=in_days(3))
    draft.refresh_from_db()
    assert draft.status == ToRVersion.Status.COMMENT_PERIOD and not Decision.objects.exists()
    decision = put_tor_to_ballot(cast, draft, now=in_days(3), unhandled_comments_confirmed=True)
    assert decision.status == Decision.Status.OPEN
    draft.refresh_from_db()
    assert said(draft.history.first().history_change_reason) == (
        "Put to the Partners Board with comments not yet handled, as confirmed: 1"
    )

"""The vote POST (issue 17): what runs while the decision row is locked stays small, and every vote
keeps its history row with its reason."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import services
from governance.models import Ballot
from kernel.models import OutboxMessage
from kernel.reasons import said
from tests.cast import make_person
from tests.decisions.conftest import open_other


def _vote(client, decision, partner, choice):
    pid = partner.pk
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            f"/decisions/{decision.pk}/vote/", {f"p{pid}-partner": pid, f"p{pid}-choice": choice}
        )
    assert response.status_code == 302
    return [q["sql"] for q in queries.captured_queries]


def _under_the_lock(sql: list[str]) -> list[str]:
    """From the service's transaction (a savepoint inside the test's) to its end: the decision row
    is locked first thing in it (SELECT ... FOR UPDATE on PostgreSQL)."""
    start = next(i for i, s in enumerate(sql) if s.startswith("SAVEPOINT"))
    end = max(i for i, s in enumerate(sql) if s.startswith("RELEASE SAVEPOINT"))
    assert sql[start + 1].startswith('SELECT "governance_decision"')
    return sql[start + 1 : end]


def test_a_vote_and_a_change_record_their_reasons_and_lock_the_decision_briefly(client, cast):
    decision = open_other(cast)
    client.force_login(cast.focal_a)
    first = _vote(client, decision, cast.partner_a, "no")
    changed = _vote(client, decision, cast.partner_a, "yes")
    ballot = Ballot.objects.get(decision=decision, partner=cast.partner_a)
    assert ballot.choice == "yes"
    assert [said(h.history_change_reason) for h in ballot.history.order_by("history_id")] == [
        "Ballot cast",
        "Ballot changed",
    ]
    for sql in (first, changed):
        locked = _under_the_lock(sql)
        # no history row read back and updated for its reason
        assert not any(s.startswith('UPDATE "governance_historicalballot"') for s in locked), locked
        # the ballot, its history, the receipts of the Partner's focal points (their read, one
        # insert in a savepoint) and, for a first ballot only, the count: bounded whatever the
        # number of Partners, ballots and focal points (12 and 10 before the receipts' keys went
        # unread)
        assert len(locked) <= (11 if sql is first else 9), locked
    assert len(_under_the_lock(changed)) < len(_under_the_lock(first))  # a change counts nothing
    # in all: the person, the decision's status and rule (its row is read under the lock), the
    # Partner, then the service's (a deferred column read on the way would add one)
    assert len(changed) <= 14, changed


def test_the_receipts_take_as_many_statements_for_three_focal_points_as_for_one(client, cast):
    decision = open_other(cast)
    client.force_login(cast.focal_b)
    _vote(client, decision, cast.partner_b, "no")
    one = len(_under_the_lock(_vote(client, decision, cast.partner_b, "yes")))
    for name in ("focal_b2", "focal_b3"):
        services.focal_point_add(partner=cast.partner_b, person=make_person(name), by=cast.secretariat)
    three = _vote(client, decision, cast.partner_b, "no")
    assert len(_under_the_lock(three)) == one
    receipts = OutboxMessage.objects.filter(kind="ballot_receipt", dedupe_key__contains=":")
    ballot = Ballot.objects.get(decision=decision, partner=cast.partner_b)
    assert receipts.filter(dedupe_key__startswith=f"ballot_receipt:{ballot.receipt_code}:").count() == 3


def test_the_receipts_of_a_vote_go_out_in_one_task(
    client, cast, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    """One publish to the broker per vote, not one per focal point (each a Celery message through
    Redis: ~15 % of a vote POST's time in a profile); the task sends each receipt once."""
    from kernel import tasks

    decision = open_other(cast)
    for name in ("focal_b2", "focal_b3"):
        services.focal_point_add(partner=cast.partner_b, person=make_person(name), by=cast.secretariat)
    published = []
    real = tasks.outbox_deliver.apply_async

    def spy(*args, **kwargs):
        published.append(kwargs["args"])
        return real(*args, **kwargs)  # eager in the tests: it sends them

    monkeypatch.setattr(tasks.outbox_deliver, "apply_async", spy)
    client.force_login(cast.focal_b)
    with django_capture_on_commit_callbacks(execute=True):
        _vote(client, decision, cast.partner_b, "yes")
    ballot = Ballot.objects.get(decision=decision, partner=cast.partner_b)
    receipts = OutboxMessage.objects.filter(dedupe_key__startswith=f"ballot_receipt:{ballot.receipt_code}:")
    assert len(published) == 1 and sorted(published[0]) == sorted(receipts.values_list("pk", flat=True))
    assert len(published[0]) == 3 and set(receipts.values_list("status", flat=True)) == {"sent"}
    assert len(mailoutbox) == 3

"""Votes at the same instant, and votes racing the close, with real threads on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import threading

import pytest
from django.db import connection

from governance import services
from governance.models import Ballot, Decision
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.cast import installer, make_person
from tests.decisions.conftest import in_days, make_board

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_threads(targets: list) -> None:
    threads = [threading.Thread(target=t) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)


def secretariat_person():
    from tests.cast import make_partner

    itu = make_partner("ITU", secretariat=True)
    person = make_person("sec", staff=True)
    services.focal_point_add(partner=itu, person=person, by=installer())
    return person


def test_17_partners_with_three_focal_points_voting_at_once():
    secretariat = secretariat_person()
    board = make_board(16, 3)  # with ITU: 17 Partners
    itu_people = [secretariat] + [make_person(f"itu_fp{j}") for j in (1, 2)]
    from governance.models import Partner

    itu = Partner.objects.get(acronym="ITU")
    for person in itu_people[1:]:
        services.focal_point_add(partner=itu, person=person, by=secretariat)
    board.append((itu, itu_people))
    # An 18th Partner that does not vote keeps the ballot open: once every current Partner has
    # voted it closes, and later changes of vote would be refused (tested below).
    from tests.cast import make_partner

    make_partner("UNECE", secretariat=True)
    assert Partner.objects.count() == 18
    decision = services.decision_open(
        by=secretariat, kind="other", question="Adopt the workplan?", deadline=in_days(1)
    )
    barrier = threading.Barrier(len(board) * 3)
    errors: list[BaseException] = []

    def voter(partner, person, choice):
        def run():
            try:
                barrier.wait()  # the three focal points of a Partner press the button at the same instant
                services.ballot_cast(decision=decision, partner=partner, by=person, choice=choice)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connection.close()

        return run

    choices = ["yes", "no", "abstain"]
    run_threads(
        [voter(partner, person, choices[j]) for partner, people in board for j, person in enumerate(people)]
    )
    assert errors == []
    assert Ballot.objects.filter(decision=decision).count() == 17
    for partner, people in board:
        ballot = Ballot.objects.get(decision=decision, partner=partner)
        history = list(ballot.history.order_by("history_id"))
        assert len(history) == 3, "every focal point's vote was recorded, none lost"
        assert {h.cast_by_id for h in history} == {p.pk for p in people}
        last = max(history, key=lambda h: h.cast_at)
        assert history[-1].cast_at == last.cast_at  # history in the order the votes were taken
        assert (ballot.choice, ballot.cast_by_id, ballot.cast_at) == (
            last.choice,
            last.cast_by_id,
            last.cast_at,
        )


def test_votes_racing_the_close_are_counted_or_refused_never_lost():
    secretariat = secretariat_person()
    board = make_board(16, 1)
    deadline = in_days(1)
    decision = services.decision_open(by=secretariat, kind="other", question="Race?", deadline=deadline)
    # every vote is "sent" before the deadline; the closing job runs at the deadline, at the same time
    barrier = threading.Barrier(len(board) + 1)
    accepted: dict[int, str] = {}
    refused: dict[int, str] = {}
    errors: list[BaseException] = []

    def voter(partner, person):
        def run():
            try:
                barrier.wait()
                if random.random() < 0.5:
                    threading.Event().wait(random.random() / 50)
                ballot = services.ballot_cast(
                    decision=decision,
                    partner=partner,
                    by=person,
                    choice="yes",
                    now=deadline - dt.timedelta(milliseconds=1),
                )
                accepted[partner.pk] = ballot.choice
            except DomainError as exc:
                refused[partner.pk] = exc.message
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                connection.close()

        return run

    def closer():
        try:
            barrier.wait()
            threading.Event().wait(0.005)
            services.decision_close(by=None, decision=decision, now=deadline)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    run_threads([voter(partner, people[0]) for partner, people in board] + [closer])
    assert errors == []
    assert len(accepted) + len(refused) == len(board)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.CLOSED
    counted = {v["partner"] for v in decision.tally["votes"]}
    acronyms = {partner.pk: partner.acronym for partner, _ in board}
    assert counted == {acronyms[pk] for pk in accepted}, "every accepted vote is in the stored tally"
    assert decision.tally["cast"] == len(accepted) == Ballot.objects.filter(decision=decision).count()
    for message in refused.values():
        assert "your vote was not recorded" in message
    # and the stored result does not move afterwards
    again = services.decision_close(by=None, decision=decision, now=deadline + dt.timedelta(hours=1))
    assert again.tally == decision.tally


def test_when_every_partner_votes_at_once_the_ballot_closes_once_with_every_vote():
    secretariat = secretariat_person()
    board = make_board(16, 1)
    from governance.models import Partner

    board.append((Partner.objects.get(acronym="ITU"), [secretariat]))
    decision = services.decision_open(
        by=secretariat, kind="other", question="All at once?", deadline=in_days(1)
    )
    barrier = threading.Barrier(len(board))
    errors: list[BaseException] = []

    def voter(partner, person):
        def run():
            try:
                barrier.wait()
                services.ballot_cast(decision=decision, partner=partner, by=person, choice="yes")
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                connection.close()

        return run

    run_threads([voter(partner, people[0]) for partner, people in board])
    assert errors == []
    decision.refresh_from_db()
    assert decision.status == Decision.Status.CLOSED and decision.result == Decision.Result.ADOPTED
    assert decision.tally["cast"] == 17 == Ballot.objects.filter(decision=decision).count()
    closings = [
        h for h in decision.history.all() if (said(h.history_change_reason) or "").startswith("Closed")
    ]
    assert len(closings) == 1

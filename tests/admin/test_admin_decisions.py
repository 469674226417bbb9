"""Decisions in the admin follow the decision services: opened by `decision_open`, closed and
counted by `decision_close`; an open or closed decision's record cannot be edited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from governance import services
from governance.models import Decision
from kernel.reasons import said
from tests.admin.conftest import admin_url, messages_of, post_action

pytestmark = pytest.mark.django_db


def open_decision(cast, *, hours_ago: int = 0, question: str = "Hold the next annual meeting online?"):
    now = timezone.now() - dt.timedelta(hours=hours_ago)
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question=question,
        deadline=now + dt.timedelta(hours=1),
        now=now,
    )


def test_adding_a_decision_in_the_admin_opens_the_ballot_through_the_service(client, cast):
    client.force_login(cast.secretariat)
    deadline = timezone.localtime() + dt.timedelta(days=7)
    response = client.post(
        admin_url(Decision, "add"),
        {
            "kind": "other",
            "question": "Adopt the communication guidelines?",
            "rule": "simple_majority",
            "deadline_0": deadline.date().isoformat(),
            "deadline_1": deadline.strftime("%H:%M:%S"),
            # a status or a result posted with the form is not a field of the form: ignored
            "status": "closed",
            "result": "adopted",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(question="Adopt the communication guidelines?")
    assert decision.status == Decision.Status.OPEN and decision.result == ""
    assert decision.opens_at is not None and decision.created_by == cast.secretariat
    assert said(decision.history.first().history_change_reason).startswith("Ballot opened until")


def test_a_decision_the_service_refuses_is_not_created_and_the_reason_is_shown(client, cast):
    client.force_login(cast.secretariat)
    past = timezone.localtime() - dt.timedelta(days=1)
    response = client.post(
        admin_url(Decision, "add"),
        {
            "kind": "hub_approval",  # needs a Hub
            "question": "Approve the Hub?",
            "rule": "simple_majority",
            "deadline_0": (past + dt.timedelta(days=8)).date().isoformat(),
            "deadline_1": "12:00:00",
        },
        follow=True,
    )
    assert ("error", "Choose the Hub this decision is about.") in messages_of(response)
    assert not Decision.objects.exists()


def test_the_result_of_an_open_decision_cannot_be_changed_with_the_change_form(client, cast):
    decision = open_decision(cast)
    client.force_login(cast.secretariat)
    url = admin_url(Decision, "change", decision.pk)
    page = client.get(url)
    assert page.status_code == 200  # the record is shown, read only
    assert 'name="result"' not in page.content.decode() and 'name="question"' not in page.content.decode()
    response = client.post(url, {"question": "Something else?", "result": "adopted", "status": "closed"})
    assert response.status_code == 403
    decision.refresh_from_db()
    assert (decision.status, decision.result, decision.question) == (
        Decision.Status.OPEN,
        "",
        "Hold the next annual meeting online?",
    )


def test_the_tally_of_a_closed_decision_cannot_be_changed_with_the_change_form(client, cast):
    decision = open_decision(cast, hours_ago=2)
    services.decision_close(by=cast.secretariat, decision=decision)
    decision.refresh_from_db()
    tally, result = decision.tally, decision.result
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(Decision, "change", decision.pk), {"result": "adopted", "tally": "{}", "rule": "consensus"}
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.tally == tally and decision.result == result == Decision.Result.NO_QUORUM


def test_close_and_count_computes_the_tally_through_the_service(client, cast):
    decision = open_decision(cast, hours_ago=2)
    voted = timezone.now() - dt.timedelta(hours=1, minutes=30)
    for partner, focal in [
        (cast.partner_a, cast.focal_a),
        (cast.partner_b, cast.focal_b),
        (cast.itu, cast.secretariat),
    ]:
        services.ballot_cast(decision=decision, partner=partner, by=focal, choice="yes", now=voted)
    client.force_login(cast.secretariat)
    response = post_action(client, Decision, "close_and_count", [decision.pk])
    assert ("success", "1 ballots closed and counted.") in messages_of(response)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.CLOSED and decision.result == Decision.Result.ADOPTED
    assert decision.tally["yes"] == 3 and decision.tally["partners"] == 4
    assert [v["partner"] for v in decision.tally["votes"]] == ["ITU", "UNDP", "WMO"]
    assert said(decision.history.first().history_change_reason) == "Closed: Adopted"


def test_close_and_count_before_the_deadline_is_refused_and_changes_nothing(client, cast):
    decision = open_decision(cast)
    history = decision.history.count()
    client.force_login(cast.secretariat)
    response = post_action(client, Decision, "close_and_count", [decision.pk])
    [(level, text)] = messages_of(response)
    assert level == "error" and "This decision is open until" in text
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN and decision.history.count() == history


def test_close_and_count_on_a_closed_decision_says_so(client, cast):
    decision = open_decision(cast, hours_ago=2)
    services.decision_close(by=cast.secretariat, decision=decision)
    history = decision.history.count()
    client.force_login(cast.secretariat)
    response = post_action(client, Decision, "close_and_count", [decision.pk])
    assert messages_of(response) == [
        (
            "warning",
            "Left as they were: Hold the next annual meeting online? — "
            "Only an open ballot is closed and counted (this one: closed).",
        )
    ]
    assert decision.history.count() == history


def test_a_focal_point_cannot_close_a_ballot_through_the_admin(client, cast):
    decision = open_decision(cast, hours_ago=2)
    client.force_login(cast.focal_a)
    response = client.post(
        admin_url(Decision, "changelist"), {"action": "close_and_count", "_selected_action": [decision.pk]}
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN


def test_ballots_stay_read_only(client, cast):
    decision = open_decision(cast)
    ballot = services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
    client.force_login(cast.secretariat)
    response = client.post(admin_url(type(ballot), "change", ballot.pk), {"choice": "yes"})
    assert response.status_code == 403
    ballot.refresh_from_db()
    assert ballot.choice == "no"


def test_a_tor_draft_with_unhandled_comments_goes_to_the_ballot_from_the_admin_only_when_confirmed(
    client, cast
):
    from tests.decisions.conftest import in_days, make_tor_version

    make_tor_version()
    draft = services.tor_revision_create(by=cast.secretariat, summary="Hubs")
    services.tor_comment_period_open(by=cast.secretariat, tor_version=draft, deadline=in_days(1))
    services.tor_comment_add(by=cast.focal_a, tor_version=draft, text="Hubs?")
    draft.comment_deadline = in_days(-1)
    draft.save(update_fields=["comment_deadline"])
    client.force_login(cast.secretariat)
    deadline = timezone.localtime() + dt.timedelta(days=7)
    data = {
        "kind": "tor_revision",
        "question": "Adopt version 2?",
        "rule": "simple_majority",
        "deadline_0": deadline.date().isoformat(),
        "deadline_1": deadline.strftime("%H:%M:%S"),
        "tor_version": draft.pk,
    }
    refused = client.post(admin_url(Decision, "add"), data, follow=True)
    assert any("still “Not yet handled”" in text for level, text in messages_of(refused) if level == "error")
    assert not Decision.objects.exists()
    response = client.post(admin_url(Decision, "add"), {**data, "unhandled_comments_confirmed": "on"})
    assert response.status_code == 302
    assert Decision.objects.get().status == Decision.Status.OPEN


def test_extend_and_withdraw_in_the_admin_need_their_inputs_and_change_nothing_without(client, cast):
    decision = open_decision(cast)
    client.force_login(cast.secretariat)
    response = post_action(client, Decision, "extend_deadline", [decision.pk], reason="More time")
    assert ("error", "Give the new deadline in the action bar.") in messages_of(response)
    response = post_action(client, Decision, "withdraw_ballot", [decision.pk], reason=" ")
    assert any("Say why the ballot is withdrawn" in text for _, text in messages_of(response))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN and decision.change_note == ""


def test_a_focal_point_cannot_extend_or_withdraw_through_the_admin(client, cast):
    decision = open_decision(cast)
    client.force_login(cast.focal_a)
    new = timezone.localtime(decision.deadline + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    for action in ("extend_deadline", "withdraw_ballot"):
        response = client.post(
            admin_url(Decision, "changelist"),
            {"action": action, "_selected_action": [decision.pk], "deadline": new, "reason": "x"},
        )
        assert response.status_code in (302, 403)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN and decision.change_note == ""

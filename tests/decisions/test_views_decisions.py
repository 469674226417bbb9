"""The decision pages through HTTP: audience, voting, the public record, opening and nominating."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from governance import services
from governance.models import Ballot, Decision, Nomination
from tests.decisions.conftest import close_at_deadline, in_days, open_other


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def vote(client, decision, partner, choice, comment=""):
    prefix = f"p{partner.pk}"
    return client.post(
        f"/decisions/{decision.pk}/vote/",
        {f"{prefix}-partner": partner.pk, f"{prefix}-choice": choice, f"{prefix}-comment": comment},
        follow=True,
    )


@pytest.mark.parametrize("who", [None, "participant", "leader_x", "team_x"])
def test_a_running_decision_is_not_found_outside_its_audience(client, cast, decision, who):
    if who:
        client.force_login(getattr(cast, who))
    assert client.get(f"/decisions/{decision.pk}/").status_code == 404
    assert client.get(f"/decisions/{decision.pk}/record.pdf").status_code == 404
    assert decision.question not in client.get("/decisions/").content.decode()


@pytest.mark.parametrize("who", ["focal_b", "chair", "vice_chair", "secretariat"])
def test_a_running_decision_is_followed_by_partners_management_team_and_secretariat(
    client, cast, decision, who
):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
    client.force_login(getattr(cast, who))
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert decision.question in page and "Votes so far" in page and "Focal_A Tester" in page
    assert "Simple majority of ballots cast" in page and "a tie is not adopted" in page
    assert decision.question in client.get("/decisions/").content.decode()


def test_a_closed_decision_is_public(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="no")
    close_at_deadline(decision)
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert 'id="decision-result"><strong>Rejected</strong>' in page
    assert "WMO" in page and "UNDP" in page and "Each Partner's vote" in page
    assert decision.question in client.get("/decisions/").content.decode()


def test_focal_point_casts_the_vote_and_sees_the_receipt(
    client, cast, decision, django_capture_on_commit_callbacks
):
    client.force_login(cast.focal_a)
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Cast vote" in page and "WMO has not voted yet" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = vote(client, decision, cast.partner_a, "yes", "Agreed")
    ballot = Ballot.objects.get()
    html = response.content.decode()
    assert f'<code id="receipt-code">{ballot.receipt_code}</code>' in html
    assert "cast by <strong>Focal_A Tester</strong>" in html
    assert {m.to[0] for m in mail.outbox} == {"focal_a@example.org", "focal_a2@example.org"}


def test_second_vote_from_the_same_partner_replaces_the_first_and_shows_who(client, cast, decision):
    client.force_login(cast.focal_a)
    vote(client, decision, cast.partner_a, "yes")
    client.force_login(cast.focal_a2)
    html = vote(client, decision, cast.partner_a, "abstain").content.decode()
    ballot = Ballot.objects.get()
    assert (ballot.choice, ballot.cast_by) == ("abstain", cast.focal_a2)
    assert ballot.history.count() == 2
    assert "cast by <strong>Focal_A2 Tester</strong>" in html and "Changes to WMO" in html


def test_a_ballot_card_lists_the_latest_changes_and_links_to_every_one(
    client, cast, decision, django_assert_max_num_queries
):
    """Issue 17: a ballot changed many times (the busy hour's ~100 a Partner) made the page list
    every change; the card lists the latest ten, says how many there are and links to them all,
    in the same number of queries whatever their number."""
    from governance.views.decisions import HISTORY_SHOWN

    def changes(page: str) -> list[str]:
        listed = page.split('<ol class="ballot-history">', 1)[1].split("</ol>", 1)[0]
        return [item for item in listed.split("<li>")[1:]]

    def cast_votes(n: int) -> None:
        for i in range(n):
            services.ballot_cast(
                decision=decision,
                partner=cast.partner_a,
                by=cast.focal_a,
                choice=("yes", "no", "abstain")[i % 3],
            )

    client.force_login(cast.focal_a)
    cast_votes(HISTORY_SHOWN + 2)
    with django_assert_max_num_queries(40) as few:
        page = client.get(f"/decisions/{decision.pk}/").content.decode()
    queries = len(few.captured_queries)
    assert len(changes(page)) == HISTORY_SHOWN
    assert f"Changes to WMO's ballot ({HISTORY_SHOWN + 2})" in page
    assert "The latest 10 are listed." in page and "Show every change (12)" in page
    newest = Ballot.objects.get().receipt_code
    assert f"(receipt {newest})" in changes(page)[0]
    everything = client.get(f"/decisions/{decision.pk}/?changes=all").content.decode()
    assert len(changes(everything)) == HISTORY_SHOWN + 2 and "Show every change" not in everything
    assert "<details open>" in everything

    cast_votes(30)
    with django_assert_max_num_queries(queries):
        page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert len(changes(page)) == HISTORY_SHOWN and "Show every change (42)" in page


def test_a_focal_point_cannot_vote_for_another_partner(client, cast, decision):
    client.force_login(cast.focal_a)
    response = vote(client, decision, cast.partner_b, "yes")
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_vote_after_the_deadline_is_refused_with_a_message_and_nothing_changes(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), deadline=timezone.now() - dt.timedelta(seconds=1)
    )
    client.force_login(cast.focal_a2)
    response = vote(client, decision, cast.partner_a, "no")
    assert "your vote was not recorded" in response.content.decode()
    ballot = Ballot.objects.get()
    assert (ballot.choice, ballot.cast_by) == ("yes", cast.focal_a)


def test_a_silence_procedure_ballot_offers_objection(client, cast):
    decision = open_other(cast, rule=Decision.Rule.SILENCE)
    client.force_login(cast.focal_b)
    page = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert "Object (break the silence)" in page and "No objection" in page and "Abstain" not in page
    vote(client, decision, cast.partner_b, "object")
    assert Ballot.objects.get().choice == "object"


def test_awaiting_list_shows_what_my_partner_has_not_voted(client, cast):
    first = open_other(cast, question="First question?")
    second = open_other(cast, question="Second question?")
    services.ballot_cast(decision=first, partner=cast.partner_a, by=cast.focal_a2, choice="yes")
    client.force_login(cast.focal_a)
    response = client.get("/decisions/")
    awaiting = [d.pk for d in response.context["awaiting"]]
    assert awaiting == [second.pk]
    client.force_login(cast.focal_b)
    assert [d.pk for d in client.get("/decisions/").context["awaiting"]] == [first.pk, second.pk]


def test_secretariat_opens_a_ballot_through_the_form(client, cast):
    client.force_login(cast.secretariat)
    assert b"Open ballot" in client.get("/decisions/new/").content
    response = client.post(
        "/decisions/new/",
        {
            "kind": "other",
            "question": "Hold the next meeting in Geneva?",
            "description": "",
            "rule": "consensus",
            "deadline": local(in_days(3)),
        },
    )
    decision = Decision.objects.get()
    assert response.url == f"/decisions/{decision.pk}/"
    assert (decision.rule, decision.status, decision.created_by) == ("consensus", "open", cast.secretariat)


def test_opening_with_a_past_deadline_shows_the_message(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(
        "/decisions/new/",
        {"kind": "other", "question": "Q?", "rule": "consensus", "deadline": local(in_days(-1))},
    )
    assert response.status_code == 200 and b"The deadline must be in the future" in response.content
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["focal_a", "chair", "participant"])
def test_only_the_secretariat_opens_a_ballot(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.post(
        "/decisions/new/",
        {"kind": "other", "question": "Q?", "rule": "consensus", "deadline": local(in_days(3))},
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_secretariat_closes_a_due_ballot_from_the_page(client, cast, decision):
    client.force_login(cast.secretariat)
    client.post(f"/decisions/{decision.pk}/close/", follow=True)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN  # not yet due
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), deadline=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.post(f"/decisions/{decision.pk}/close/", follow=True)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.CLOSED
    assert b"The ballot is closed" in response.content


def test_focal_point_nominates_a_candidate(client, cast):
    client.force_login(cast.focal_b)
    assert client.get("/nominations/new/").status_code == 200
    response = client.post(
        "/nominations/new/",
        {"role": "chair", "nominee_email": "participant@example.org", "statement": "Able."},
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.nominee, nomination.nominated_by, nomination.role) == (
        cast.participant,
        cast.partner_b,
        "chair",
    )
    client.force_login(cast.secretariat)
    assert b"Participant Tester" in client.get("/nominations/").content


def test_unknown_nominee_gets_a_message(client, cast):
    client.force_login(cast.focal_b)
    response = client.post("/nominations/new/", {"role": "chair", "nominee_email": "nobody@example.org"})
    assert b"No active portal account has this email address" in response.content
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("who", ["chair", "participant"])
def test_only_focal_points_nominate(client, cast, who):
    client.force_login(getattr(cast, who))
    response = client.post("/nominations/new/", {"role": "chair", "nominee_email": "participant@example.org"})
    assert response.status_code == 403
    assert not Nomination.objects.exists()

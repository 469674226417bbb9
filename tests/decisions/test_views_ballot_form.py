"""The vote form on the ballot page comes from the ballot's lifecycle (BALLOT_LIFECYCLE: the
decision's state x its deadline x the rulebook), role by role: never from `decision.is_open`."""

import datetime as dt

import pytest
from django.utils import timezone

from governance import services
from governance.models import BALLOT_LIFECYCLE, Decision, PartnerBallot
from tests.cast import installer
from tests.decisions.conftest import close_at_deadline


def page(client, person, decision):
    client.force_login(person)
    return client.get(f"/decisions/{decision.pk}/")


def vote_forms(response) -> int:
    return response.content.decode().count(f'action="/decisions/{response.context["decision"].pk}/vote/"')


def test_a_focal_point_of_a_partner_that_may_vote_sees_the_form(client, cast, decision):
    response = page(client, cast.focal_a, decision)
    html = response.content.decode()
    assert vote_forms(response) == 1 and '<button type="submit">Cast vote</button>' in html
    assert "Change vote" not in html


def test_the_second_focal_point_sees_change_vote_after_the_partners_vote(client, cast, decision):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    response = page(client, cast.focal_a2, decision)
    html = response.content.decode()
    assert vote_forms(response) == 1 and '<button type="submit">Change vote</button>' in html
    assert ">Cast vote</button>" not in html


def test_the_secretariat_has_no_vote_form_for_the_partners(client, cast, decision):
    """The Secretariat runs the ballot; it votes for no Partner. Its staff member here is also
    ITU's focal point, and ITU is a Partner: that card alone offers a vote (ITU's)."""
    response = page(client, cast.secretariat, decision)
    html = response.content.decode()
    assert "Running the ballot (Secretariat)" in html
    assert [card["partner"] for card in response.context["my_ballots"] if card["vote_action"]] == [cast.itu]
    assert vote_forms(response) == 1 and f'id="ballot-{cast.partner_a.pk}"' not in html
    superuser = page(client, installer(), decision)  # the Secretariat's powers, no Partner's vote
    assert "Running the ballot (Secretariat)" in superuser.content.decode()
    assert vote_forms(superuser) == 0


def test_a_participant_has_no_vote_form(client, cast, decision):
    assert page(client, cast.participant, decision).status_code == 404  # a running ballot is the Board's
    close_at_deadline(decision)
    response = page(client, cast.participant, decision)
    assert response.status_code == 200 and vote_forms(response) == 0


def test_a_focal_point_whose_partner_left_has_no_vote_form(client, cast, decision):
    services.partner_leave(partner=cast.partner_b, left_on=timezone.localdate(), by=cast.secretariat)
    response = page(client, cast.focal_b, decision)
    assert response.status_code == 404 or vote_forms(response) == 0
    assert not BALLOT_LIFECYCLE.available(
        PartnerBallot(decision, cast.partner_b.pk, voted=False), cast.focal_b
    )


def test_no_vote_form_after_the_deadline_though_the_ballot_is_not_counted_yet(client, cast, decision):
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), deadline=timezone.now() - dt.timedelta(seconds=1)
    )
    decision.refresh_from_db()
    assert decision.is_open  # the state alone would still offer it
    response = page(client, cast.focal_a, decision)
    assert response.status_code == 200 and vote_forms(response) == 0


@pytest.mark.parametrize("end", ["closed", "withdrawn"])
def test_no_vote_form_once_the_ballot_is_closed_or_withdrawn(client, cast, decision, end):
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="yes")
    if end == "closed":
        close_at_deadline(decision)
    else:
        services.decision_withdraw(by=cast.secretariat, decision=decision, reason="Asked in error")
    for person in (cast.focal_a, cast.focal_a2, cast.focal_b):
        response = page(client, person, decision)
        assert response.status_code == 200 and vote_forms(response) == 0

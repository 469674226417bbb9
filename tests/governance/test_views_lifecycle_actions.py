"""Governance pages render their buttons from the lifecycle's answer (issue 16): the ToR draft's
drafting and comment buttons, a ballot's Secretariat actions, a Leader proposal's Concur/Decline."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from governance import services as gov
from governance.models import Decision
from tests.decisions.conftest import make_tor_version


def page(client, person, url) -> str:
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_draft_page_shows_drafting_to_the_secretariat_and_comments_in_the_period(client, cast):
    make_tor_version()
    draft = gov.tor_revision_create(by=cast.secretariat, summary="A revision")
    url = reverse("governance:tor_draft", args=[draft.number])
    html = page(client, cast.secretariat, url)
    assert "Insert a clause" in html and "Withdraw this draft" in html and "Put to a ballot" in html
    html = page(client, cast.focal_a, url)
    assert "Insert a clause" not in html and "Comment on the whole draft" not in html

    gov.tor_comment_period_open(
        by=cast.secretariat, tor_version=draft, deadline=timezone.now() + dt.timedelta(days=14)
    )
    assert "Comment on the whole draft" in page(client, cast.focal_a, url)

    gov.tor_revision_withdraw(by=cast.secretariat, tor_version=draft)
    html = page(client, cast.secretariat, url)
    assert "Insert a clause" not in html and "Withdraw this draft" not in html


def test_a_ballot_past_its_deadline_offers_the_secretariat_only_the_count(client, cast):
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Meet in Geneva?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    html = page(client, cast.secretariat, decision.get_absolute_url())
    assert "Extend the ballot" in html and "Remind their focal points" in html and "Close and count" in html
    assert "Running the ballot" not in page(client, cast.focal_a, decision.get_absolute_url())
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        html = page(client, cast.secretariat, decision.get_absolute_url())
    assert "Close and count" in html
    assert "Extend the ballot" not in html and "Remind their focal points" not in html


def test_the_proposals_page_offers_concur_and_decline(client, cast):
    gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    html = page(client, cast.secretariat, reverse("governance:leader_proposals"))
    assert f"Concur: appoint {cast.participant}" in html and ">Decline</button>" in html

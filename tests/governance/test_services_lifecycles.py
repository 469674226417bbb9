"""Governance lifecycles beside their models (issue 16): what may happen now (state × rulebook),
and services that move a record with one `transition` (checked, update_fields, who and why)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from governance import services as gov
from governance.models import (
    DECISION_LIFECYCLE,
    HUB_LIFECYCLE,
    LOGO_USE_LIFECYCLE,
    MANDATE_LIFECYCLE,
    TOR_LIFECYCLE,
    Decision,
    Hub,
    LogoUseRequest,
    Mandate,
)
from governance.rulebook import RuleDenied
from kernel.lifecycle import TransitionNotAllowed
from kernel.reasons import said
from tests.decisions.conftest import make_tor_version


def names(lifecycle, record, person) -> set[str]:
    return {a.name for a in lifecycle.available(record, person)}


def last_history(record):
    last = record.history.first()
    return said(last.history_change_reason), last.history_user


@pytest.fixture
def tor_draft(cast):
    make_tor_version()  # the version in force a revision is drafted from
    return gov.tor_revision_create(by=cast.secretariat, summary="A revision")


def test_a_tor_draft_offers_drafting_to_the_secretariat_and_comments_to_the_board(cast, tor_draft):
    assert names(TOR_LIFECYCLE, tor_draft, cast.secretariat) == {
        "edit",
        "comment_period",
        "ballot",
        "withdraw",
    }
    assert names(TOR_LIFECYCLE, tor_draft, cast.focal_a) == set()  # no comment before the period opens

    version = gov.tor_comment_period_open(
        by=cast.secretariat, tor_version=tor_draft, deadline=timezone.now() + dt.timedelta(days=14)
    )
    reason, user = last_history(version)
    assert reason.startswith("Comment period until") and user == cast.secretariat
    assert names(TOR_LIFECYCLE, version, cast.focal_a) == {"comment"}
    assert names(TOR_LIFECYCLE, version, cast.chair) == {"comment"}
    assert names(TOR_LIFECYCLE, version, cast.participant) == set()
    assert version.is_editable and not version.is_public


def test_a_withdrawn_draft_offers_nothing_and_cannot_be_withdrawn_again(cast, tor_draft):
    version = gov.tor_revision_withdraw(by=cast.secretariat, tor_version=tor_draft)
    assert last_history(version) == ("Draft withdrawn", cast.secretariat)
    assert names(TOR_LIFECYCLE, version, cast.secretariat) == set()
    assert not version.is_editable
    with pytest.raises(TransitionNotAllowed):
        gov.tor_revision_withdraw(by=cast.secretariat, tor_version=version)


def test_a_running_ballot_offers_the_secretariat_its_actions_until_the_deadline(cast):
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Meet in Geneva?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    assert names(DECISION_LIFECYCLE, decision, cast.secretariat) == {"remind", "extend", "withdraw", "close"}
    assert names(DECISION_LIFECYCLE, decision, cast.focal_a) == set()
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        # Past its deadline an open ballot is only counted.
        assert names(DECISION_LIFECYCLE, decision, cast.secretariat) == {"close"}
        closed = gov.decision_close(by=cast.secretariat, decision=decision)
    assert closed.is_closed
    reason, user = last_history(closed)
    assert reason.startswith("Closed") and user == cast.secretariat
    assert names(DECISION_LIFECYCLE, closed, cast.secretariat) == set()


def test_a_withdrawn_ballot_records_who_and_why(cast):
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Meet in Geneva?",
        deadline=timezone.now() + dt.timedelta(days=7),
    )
    decision = gov.decision_withdraw(by=cast.secretariat, decision=decision, reason="Asked too early.")
    assert decision.is_withdrawn
    assert last_history(decision) == ("Withdrawn by the Secretariat", cast.secretariat)
    assert names(DECISION_LIFECYCLE, decision, cast.secretariat) == set()


def test_a_leader_proposal_is_concurred_or_declined_by_the_secretariat_only(cast):
    proposal = gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    assert names(MANDATE_LIFECYCLE, proposal, cast.secretariat) >= {"concur", "decline"}
    assert not names(MANDATE_LIFECYCLE, proposal, cast.chair) & {"concur", "decline"}
    mandate = gov.mandate_decline(by=cast.secretariat, mandate=proposal, reason="Not this year.")
    assert mandate.status == Mandate.Status.DECLINED
    assert last_history(mandate) == ("Secretariat declined: Not this year.", cast.secretariat)
    assert names(MANDATE_LIFECYCLE, mandate, cast.secretariat) == set()


def test_ending_a_mandate_is_one_transition_with_its_reason(cast):
    mandate = gov.mandate_end(by=cast.secretariat, mandate=cast.vice_chair_mandate, reason="Resigned")
    assert mandate.status == Mandate.Status.ENDED
    assert last_history(mandate) == ("Resigned", cast.secretariat)
    with pytest.raises(TransitionNotAllowed):
        gov.mandate_end(by=cast.secretariat, mandate=mandate)


def test_a_logo_request_is_approved_or_refused_once(cast):
    request = gov.logo_use_request(by=cast.participant, organisation="City of Faro", purpose="A leaflet")
    assert names(LOGO_USE_LIFECYCLE, request, cast.secretariat) == {"approve", "refuse"}
    assert names(LOGO_USE_LIFECYCLE, request, cast.participant) == set()
    refused = gov.logo_use_refuse(by=cast.secretariat, logo_request=request)
    assert refused.status == LogoUseRequest.Status.REFUSED
    assert last_history(refused) == ("Logo use refused", cast.secretariat)
    with pytest.raises(TransitionNotAllowed):
        gov.logo_use_approve(by=cast.secretariat, logo_request=refused)


def test_a_requested_hub_offers_no_person_action_and_an_approved_one_may_be_closed(cast):
    hub = gov.hub_request(by=cast.participant, name="Hub of Faro", country="Portugal", partner=cast.partner_a)
    # The Partners Board decides: the Secretariat may only put it to a ballot (hub_approval).
    assert names(HUB_LIFECYCLE, hub, cast.secretariat) == {"put_to_board"}
    assert names(HUB_LIFECYCLE, hub, cast.focal_a) == set()
    with pytest.raises(TransitionNotAllowed):
        gov.hub_close(by=cast.secretariat, hub=hub)
    Hub.objects.filter(pk=hub.pk).update(status=Hub.Status.APPROVED)  # as an adopted decision leaves it
    hub.refresh_from_db()
    assert names(HUB_LIFECYCLE, hub, cast.secretariat) == {"close"}
    assert names(HUB_LIFECYCLE, hub, cast.focal_a) == set()
    closed = gov.hub_close(by=cast.secretariat, hub=hub)
    assert last_history(closed) == ("Hub closed", cast.secretariat)


def test_focal_points_are_added_and_ended_only_by_someone_the_rulebook_allows(cast):
    with pytest.raises(TypeError):
        gov.focal_point_add(partner=cast.partner_b, person=cast.participant)  # by= is required
    with pytest.raises(RuleDenied):
        gov.focal_point_add(partner=cast.partner_b, person=cast.participant, by=cast.focal_b)
    focal_point = gov.focal_point_add(partner=cast.partner_b, person=cast.participant, by=cast.secretariat)
    with pytest.raises(RuleDenied):
        gov.focal_point_end(focal_point=focal_point, by=cast.focal_b)
    ended = gov.focal_point_end(focal_point=focal_point, by=cast.participant)  # stepping down
    assert ended.ended_on == timezone.localdate()

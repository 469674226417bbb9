"""The admin's actions ask each selected record's lifecycle (`Lifecycle.available`: state x
rulebook) before calling the service: the records it offers the action go through the service,
the others are named in one message with why, and nothing changes for them (no 500)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin import site
from django.test import RequestFactory
from django.utils import timezone

from governance import services as gov
from governance.admin import DecisionAdmin, MandateAdmin
from governance.models import (
    DECISION_LIFECYCLE,
    MANDATE_LIFECYCLE,
    PARTNER_LIFECYCLE,
    Decision,
    FocalPoint,
    Hub,
    LogoUseRequest,
    Mandate,
    Partner,
)
from kernel.admin_base import offered_at_all
from tests.admin.conftest import admin_url, messages_of, post_action
from tests.cast import make_partner

pytestmark = pytest.mark.django_db


def test_ending_mandates_ends_those_the_lifecycle_allows_and_names_the_others(client, cast):
    declined = gov.mandate_propose_leader(by=cast.chair, person=cast.participant, thematic_group=cast.group_y)
    gov.mandate_decline(by=cast.secretariat, mandate=declined, reason="Another expert is better placed.")
    declined.refresh_from_db()
    history = declined.history.count()
    client.force_login(cast.secretariat)
    response = post_action(client, Mandate, "end_today", [cast.vice_chair_mandate.pk, declined.pk])
    assert response.status_code == 200
    assert messages_of(response) == [
        (
            "warning",
            f"Left as they were: {declined} — Only a proposed or active mandate is ended early "
            "(this one: declined by the secretariat).",
        ),
        ("success", "1 mandates ended."),
    ]
    cast.vice_chair_mandate.refresh_from_db()
    declined.refresh_from_db()
    assert cast.vice_chair_mandate.status == Mandate.Status.ENDED
    assert declined.status == Mandate.Status.DECLINED and declined.history.count() == history


def test_concurring_with_a_mandate_that_is_no_proposal_changes_nothing(client, cast):
    client.force_login(cast.secretariat)
    response = post_action(client, Mandate, "concur", [cast.chair_mandate.pk])
    assert messages_of(response) == [
        (
            "warning",
            f"Left as they were: {cast.chair_mandate} — Only a proposed Leader mandate is concurred with "
            "(this one: active).",
        )
    ]
    cast.chair_mandate.refresh_from_db()
    assert cast.chair_mandate.status == Mandate.Status.ACTIVE and cast.chair_mandate.concurred_by is None


def test_logo_requests_already_decided_are_named_and_the_pending_one_is_approved(client, cast):
    pending = LogoUseRequest.objects.create(requester=cast.participant, organisation="Porto", purpose="Fair")
    refused = LogoUseRequest.objects.create(requester=cast.participant, organisation="Lyon", purpose="Fair")
    gov.logo_use_refuse(by=cast.secretariat, logo_request=refused)
    client.force_login(cast.secretariat)
    response = post_action(client, LogoUseRequest, "approve", [pending.pk, refused.pk])
    assert messages_of(response) == [
        ("warning", f"Left as they were: {refused} — This request was already decided (now: refused)."),
        ("success", "1 logo uses approved."),
    ]
    assert LogoUseRequest.objects.get(pk=pending.pk).status == LogoUseRequest.Status.APPROVED
    assert LogoUseRequest.objects.get(pk=refused.pk).status == LogoUseRequest.Status.REFUSED


def test_a_ballot_past_its_deadline_is_not_extended_nor_withdrawn_only_counted(client, cast):
    decision = gov.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.OTHER,
        question="Meet in Geneva?",
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2), deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(cast.secretariat)
    new = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = post_action(
        client, Decision, "extend_deadline", [decision.pk], deadline=new, reason="More time"
    )
    assert messages_of(response) == [
        (
            "warning",
            "Left as they were: Meet in Geneva? — “Extend the deadline” is not possible for this decision now.",
        )
    ]
    response = post_action(client, Decision, "withdraw_ballot", [decision.pk], reason="Asked in error")
    assert messages_of(response) == [
        (
            "warning",
            "Left as they were: Meet in Geneva? — “Withdraw the ballot” is not possible for this decision now.",
        )
    ]
    decision.refresh_from_db()
    assert decision.status == Decision.Status.OPEN and decision.deadline < timezone.now()
    response = post_action(client, Decision, "close_and_count", [decision.pk])
    assert ("success", "1 ballots closed and counted.") in messages_of(response)


def test_partners_that_left_are_named_and_the_others_leave(client, cast):
    gone = make_partner("OLD")
    gov.partner_leave(by=cast.secretariat, partner=gone, left_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(cast.secretariat)
    day = timezone.localdate()
    response = post_action(
        client,
        Partner,
        "record_leaving",
        [cast.partner_b.pk, gone.pk],
        left_on=day.isoformat(),
        reason="Letter",
    )
    assert messages_of(response) == [
        ("warning", "Left as they were: OLD — The Partner has already left."),
        ("success", "1 Partners recorded as having left."),
    ]
    assert Partner.objects.get(pk=cast.partner_b.pk).left_on == day
    assert Partner.objects.get(pk=gone.pk).left_on == day - dt.timedelta(days=3)


def test_the_lifecycle_actions_are_listed_only_to_whom_the_rulebook_allows_them(cast):
    """Only the Secretariat enters the admin, and it may take them all; a person the rulebook does
    not allow them is offered none (the actions are asked, not merely the admin's gate)."""
    assert offered_at_all(MANDATE_LIFECYCLE, "concur", cast.secretariat)
    assert not offered_at_all(MANDATE_LIFECYCLE, "concur", cast.chair)
    assert not offered_at_all(DECISION_LIFECYCLE, "close", cast.focal_a)
    assert not offered_at_all(PARTNER_LIFECYCLE, "leave", cast.focal_a)
    factory = RequestFactory()
    for admin_class, model, names in (
        (MandateAdmin, Mandate, {"concur", "decline", "end_today", "renew_at_meeting"}),
        (DecisionAdmin, Decision, {"close_and_count", "extend_deadline", "withdraw_ballot"}),
    ):
        model_admin = admin_class(model, site)
        for person, offered in ((cast.secretariat, names), (cast.focal_a, set())):
            request = factory.get("/admin/")
            request.user = person
            assert set(model_admin.get_actions(request)) & names == offered


def test_the_way_to_the_partners_board_is_shown_only_while_the_hub_lifecycle_offers_it(client, cast):
    hub = gov.hub_request(by=cast.participant, name="Hub of Faro", country="Portugal", partner=cast.partner_a)
    client.force_login(cast.secretariat)
    url = admin_url(Hub, "change", hub.pk)
    assert "/decisions/new/?kind=hub_approval" in client.get(url).content.decode()
    Hub.objects.filter(pk=hub.pk).update(status=Hub.Status.APPROVED)  # as an adopted decision leaves it
    assert "/decisions/new/?kind=hub_approval" not in client.get(url).content.decode()


def test_a_decided_logo_request_is_read_only_as_its_lifecycle_offers_nothing(client, cast):
    request = LogoUseRequest.objects.create(requester=cast.participant, organisation="Faro", purpose="Fair")
    client.force_login(cast.secretariat)
    url = admin_url(LogoUseRequest, "change", request.pk)
    assert 'name="_save"' in client.get(url).content.decode()
    gov.logo_use_approve(by=cast.secretariat, logo_request=request)
    assert 'name="_save"' not in client.get(url).content.decode()


def test_ending_focal_points_names_those_that_already_ended(client, cast):
    serving = FocalPoint.objects.get(person=cast.focal_a, ended_on__isnull=True)
    ended = FocalPoint.objects.get(person=cast.focal_a2, ended_on__isnull=True)
    gov.focal_point_end(by=cast.secretariat, focal_point=ended)
    client.force_login(cast.secretariat)
    response = post_action(client, FocalPoint, "end_today", [serving.pk, ended.pk])
    assert messages_of(response) == [
        ("warning", f"Left as they were: {ended} — This focal point has already ended."),
        ("success", "1 focal points ended."),
    ]
    assert FocalPoint.objects.get(pk=serving.pk).ended_on == timezone.localdate()
    assert FocalPoint.objects.get(pk=ended.pk).history.count() == 2  # added, ended: not again

"""Every page renders for every role at every stage: 200 for its audience, 404 for others."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.rulebook import can
from tests.thematic_groups.conftest import S, advance, propose
from thematic_groups import services

pytestmark = pytest.mark.django_db

STAGES = [S.PROPOSED, S.APPROVED, S.DRAFTING, S.FINAL_DRAFT, S.EDITORIAL_REVIEW, S.PUBLISHED]


@pytest.mark.parametrize("stage", [*STAGES, S.WITHDRAWN])
def test_deliverable_page_at_every_stage_for_every_role(client, cast, stage):
    d = propose(cast)
    if stage == S.WITHDRAWN:
        d = advance(cast, d, S.DRAFTING)
        services.deliverable_withdraw(by=cast.secretariat, deliverable=d, note="Stopped")
    else:
        d = advance(cast, d, stage)
    people = {**cast.role_users(), "team_x": cast.team_x, "member_x": cast.member_x}
    for name, person in people.items():
        client.logout()
        if person is not None:
            client.force_login(person)
        response = client.get(d.get_absolute_url())
        public = stage == S.PUBLISHED
        expected = 200 if public or (person is not None and can(person, "unpublished.view", d)) else 404
        assert response.status_code == expected, (name, stage)
        if expected == 200 and person is not None and can(person, "deliverable.manage", d):
            page = response.content.decode()
            assert "Workflow" in page


def test_action_buttons_follow_role_and_stage(client, cast):
    d = advance(cast, propose(cast), S.EDITORIAL_REVIEW)
    client.force_login(cast.secretariat)
    page = client.get(d.get_absolute_url()).content.decode()
    assert ">Publish</button>" in page and "Edit the summary" in page
    client.force_login(cast.leader_x)
    page = client.get(d.get_absolute_url()).content.decode()
    assert ">Publish</button>" not in page and "Edit the summary" not in page
    assert client.get(reverse("thematic_groups:deliverable_text", args=[d.slug])).status_code == 403
    client.force_login(cast.secretariat)
    assert client.get(reverse("thematic_groups:deliverable_text", args=[d.slug])).status_code == 200


def test_other_pages_render(client, cast):
    call = services.call_open(
        by=cast.leader_x,
        deliverable=cast.draft_x,
        title="Experts",
        description="D",
        closes_on=timezone.localdate() + dt.timedelta(days=5),
    )
    services.expert_apply(by=cast.participant, call=call, motivation="M")
    workplan = services.workplan_create(by=cast.secretariat, title="Plan", period="2021")
    pages = [
        reverse("thematic_groups:group_list"),
        cast.group_x.get_absolute_url(),
        reverse("thematic_groups:deliverable_propose", args=[cast.group_x.slug]),
        reverse("thematic_groups:call_list"),
        call.get_absolute_url(),
        reverse("thematic_groups:workplan_list"),
        reverse("thematic_groups:workplan_detail", args=[workplan.pk]),
        "/deliverables/",
        "/",
    ]
    for who in (cast.leader_x, cast.secretariat, cast.chair, cast.participant):
        client.force_login(who)
        for url in pages:
            expected = 200
            if url.endswith("/propose/") and who != cast.leader_x:
                expected = 403
            if "workplans/" in url and url[-2].isdigit() and who == cast.participant:
                expected = 404
            assert client.get(url).status_code == expected, (who, url)
    client.force_login(cast.secretariat)
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Accept <span" in page
    client.force_login(cast.chair)
    assert "Participant Tester" in client.get(reverse("thematic_groups:call_list")).content.decode()

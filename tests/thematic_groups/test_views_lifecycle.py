"""Every transition of a deliverable's lifecycle, allowed and refused by role, through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Decision
from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.thematic_groups.conftest import S, advance, make_annual_meeting
from thematic_groups import services
from thematic_groups.models import Deliverable

pytestmark = pytest.mark.django_db


def move_url(d, action):
    return reverse("thematic_groups:deliverable_transition", args=[d.slug, action])


def proposal_data(**extra):
    today = timezone.localdate()
    data = {
        "title": "Smart city platforms: a guide",
        "type": "guideline",
        "objectives": "Help cities.",
        "scope": "Data platforms.",
        "starts_on": today.isoformat(),
        "final_draft_due": (today + dt.timedelta(days=60)).isoformat(),
        "publication_due": (today + dt.timedelta(days=90)).isoformat(),
    }
    data.update(extra)
    return data


# Proposal (ToR 20a, 20g) ----------------------------------------------------------------------


def test_leader_proposes_a_deliverable_for_their_group(client, cast):
    client.force_login(cast.leader_x)
    response = client.post(
        reverse("thematic_groups:deliverable_propose", args=[cast.group_x.slug]), proposal_data()
    )
    deliverable = Deliverable.objects.get(title="Smart city platforms: a guide")
    assert response.status_code == 302 and response["Location"] == deliverable.get_absolute_url()
    assert deliverable.status == S.PROPOSED
    assert deliverable.thematic_group == cast.group_x and deliverable.proposed_by == cast.leader_x
    assert said(deliverable.history.first().history_change_reason) == "Proposed by the Leader"


@pytest.mark.parametrize("who", ["leader_y", "secretariat", "chair", "focal_a", "participant"])
def test_only_the_groups_leader_may_propose(client, cast, who):
    client.force_login(getattr(cast, who))
    url = reverse("thematic_groups:deliverable_propose", args=[cast.group_x.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, proposal_data()).status_code == 403
    assert not Deliverable.objects.filter(title="Smart city platforms: a guide").exists()


def test_anonymous_is_sent_to_sign_in_to_propose(client, cast):
    response = client.post(
        reverse("thematic_groups:deliverable_propose", args=[cast.group_x.slug]), proposal_data()
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_proposal_without_scope_or_with_a_backwards_timeline_is_refused(client, cast):
    client.force_login(cast.leader_x)
    url = reverse("thematic_groups:deliverable_propose", args=[cast.group_x.slug])
    response = client.post(url, proposal_data(scope=""))
    assert response.status_code == 400
    today = timezone.localdate()
    response = client.post(url, proposal_data(publication_due=(today - dt.timedelta(days=1)).isoformat()))
    assert response.status_code == 400
    assert "cannot come before the start" in response.content.decode()
    assert not Deliverable.objects.filter(title="Smart city platforms: a guide").exists()


# Approval (ToR 19) ----------------------------------------------------------------------------


def test_secretariat_records_approval_at_the_annual_meeting(client, cast, proposed, annual_meeting):
    client.force_login(cast.secretariat)
    url = reverse("thematic_groups:deliverable_approve", args=[proposed.slug])
    response = client.post(url, {"meeting": annual_meeting.pk})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == S.APPROVED
    assert proposed.approval_meeting == annual_meeting and proposed.approved_on == annual_meeting.held_on
    # the page names the meeting (read after the deliverable's row, only when there is one)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(proposed.get_absolute_url()).content.decode()
    assert f"at {annual_meeting.title}" in page
    row = next(q["sql"] for q in queries.captured_queries if 'FROM "thematic_groups_deliverable"' in q["sql"])
    assert "meetings_meeting" not in row and "governance_decision" not in row


@pytest.mark.parametrize("who", ["leader_x", "chair", "focal_a"])
def test_others_cannot_record_an_approval(client, cast, proposed, annual_meeting, who):
    client.force_login(getattr(cast, who))
    response = client.post(
        reverse("thematic_groups:deliverable_approve", args=[proposed.slug]), {"meeting": annual_meeting.pk}
    )
    assert response.status_code == 403
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_an_e_meeting_cannot_approve_a_deliverable(cast, proposed):
    meeting = make_annual_meeting(slug="e-meeting")
    meeting.kind = "e_meeting"
    meeting.save()
    with pytest.raises(DomainError, match="annual meeting"):
        services.deliverable_record_approval(deliverable=proposed, meeting=meeting, by=cast.secretariat)


def _decision(cast, deliverable, *, result=Decision.Result.ADOPTED):
    return Decision.objects.create(
        kind=Decision.Kind.DELIVERABLE_APPROVAL,
        question=f"Approve {deliverable.title}?",
        deliverable=deliverable,
        status=Decision.Status.CLOSED,
        result=result,
        closed_at=timezone.now(),
    )


def test_an_adopted_board_decision_approves_it_once(client, cast, proposed):
    decision = _decision(cast, proposed)
    services.deliverable_record_approval(deliverable=proposed, decision=decision)
    again = services.deliverable_record_approval(deliverable=proposed, decision=decision)
    assert again.status == S.APPROVED and again.approval_decision == decision
    client.force_login(cast.secretariat)
    assert "by a Partners Board decision" in client.get(proposed.get_absolute_url()).content.decode()
    assert proposed.history.filter(status=S.APPROVED).count() == 1


def test_a_rejected_decision_or_one_about_another_deliverable_approves_nothing(cast, proposed):
    with pytest.raises(DomainError, match="not adopted"):
        services.deliverable_record_approval(
            deliverable=proposed, decision=_decision(cast, proposed, result=Decision.Result.REJECTED)
        )
    with pytest.raises(DomainError, match="not about approving"):
        services.deliverable_record_approval(deliverable=proposed, decision=_decision(cast, cast.draft_y))
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_approval_needs_exactly_one_source(cast, proposed, annual_meeting):
    with pytest.raises(DomainError):
        services.deliverable_record_approval(deliverable=proposed, by=cast.secretariat)
    with pytest.raises(DomainError, match="Secretariat records"):
        services.deliverable_record_approval(deliverable=proposed, meeting=annual_meeting)


# Drafting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["leader_x", "secretariat"])
def test_leader_or_secretariat_starts_drafting(client, cast, proposed, who):
    advance(cast, proposed, S.APPROVED)
    client.force_login(getattr(cast, who))
    assert client.post(move_url(proposed, "start-drafting")).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == S.DRAFTING and proposed.drafting_started_on == timezone.localdate()


@pytest.mark.parametrize(
    "who,status", [("focal_a", 403), ("chair", 403), ("leader_y", 404), ("participant", 404)]
)
def test_others_cannot_start_drafting(client, cast, proposed, who, status):
    advance(cast, proposed, S.APPROVED)
    client.force_login(getattr(cast, who))
    assert client.post(move_url(proposed, "start-drafting")).status_code == status
    proposed.refresh_from_db()
    assert proposed.status == S.APPROVED


def test_team_member_cannot_start_drafting(client, cast, proposed):
    advance(cast, proposed, S.APPROVED)
    services.team_member_add(deliverable=proposed, person=cast.team_x)
    client.force_login(cast.team_x)
    assert client.post(move_url(proposed, "start-drafting")).status_code == 403


def test_a_transition_the_lifecycle_does_not_allow_is_refused_with_a_message(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(move_url(cast.draft_x, "publish"), follow=True)
    assert "cannot go from “Drafting” to “Published”" in response.content.decode()
    cast.draft_x.refresh_from_db()
    assert cast.draft_x.status == S.DRAFTING


# Final draft -------------------------------------------------------------------------------------


def test_leader_marks_the_final_draft_after_uploading_it(client, cast):
    client.force_login(cast.leader_x)
    url = reverse("thematic_groups:deliverable_final_draft", args=[cast.draft_x.slug])
    response = client.post(url, {}, follow=True)
    assert "Upload the final draft before opening its review." in response.content.decode()
    cast.draft_x.refresh_from_db()
    assert cast.draft_x.status == S.DRAFTING
    from tests.thematic_groups.conftest import pdf_bytes, upload

    services.draft_upload(by=cast.team_x, deliverable=cast.draft_x, file=upload("v1.pdf", pdf_bytes()))
    assert client.post(url, {}).status_code == 302
    cast.draft_x.refresh_from_db()
    assert cast.draft_x.status == S.FINAL_DRAFT
    assert cast.draft_x.final_review_deadline > timezone.now()
    assert cast.draft_x.versions.get().is_final


@pytest.mark.parametrize("who,status", [("team_x", 403), ("focal_a", 403), ("leader_y", 404)])
def test_others_cannot_mark_the_final_draft(client, cast, who, status):
    client.force_login(getattr(cast, who))
    url = reverse("thematic_groups:deliverable_final_draft", args=[cast.draft_x.slug])
    assert client.post(url, {}).status_code == status


def test_leader_may_return_a_final_draft_to_drafting(client, cast, proposed):
    advance(cast, proposed, S.FINAL_DRAFT)
    client.force_login(cast.focal_a)
    assert client.post(move_url(proposed, "return-to-drafting")).status_code == 403
    client.force_login(cast.leader_x)
    assert client.post(move_url(proposed, "return-to-drafting")).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == S.DRAFTING


# Editorial review and publication (ToR 23c, 34; MR 3.6) ----------------------------------------


def test_secretariat_starts_the_editorial_review(client, cast, proposed):
    advance(cast, proposed, S.FINAL_DRAFT)
    client.force_login(cast.leader_x)
    assert client.post(move_url(proposed, "editorial-review")).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(move_url(proposed, "editorial-review")).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == S.EDITORIAL_REVIEW


def test_secretariat_publishes_after_editorial_review(client, cast, proposed):
    advance(cast, proposed, S.EDITORIAL_REVIEW)
    for who in ("leader_x", "chair", "focal_a"):
        client.force_login(getattr(cast, who))
        assert client.post(move_url(proposed, "publish")).status_code == 403
    client.force_login(cast.secretariat)
    response = client.post(move_url(proposed, "publish"), follow=True)
    assert "Write the summary and the published text before publishing." in response.content.decode()
    services.deliverable_update_text(by=cast.secretariat, deliverable=proposed, summary="S", body="B")
    assert client.post(move_url(proposed, "publish")).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == S.PUBLISHED and proposed.published_on == timezone.localdate()
    assert proposed.edition == 1


def test_leader_cannot_edit_text_during_editorial_review_but_secretariat_can(client, cast, proposed):
    advance(cast, proposed, S.EDITORIAL_REVIEW)
    url = reverse("thematic_groups:deliverable_text", args=[proposed.slug])
    client.force_login(cast.leader_x)
    assert client.post(url, {"summary": "x", "body": "y"}).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(url, {"summary": "Summary", "body": "Body"}).status_code == 302
    proposed.refresh_from_db()
    assert (proposed.summary, proposed.body) == ("Summary", "Body")


def test_published_page_carries_the_disclaimer_and_the_ip_notice(client, cast, proposed):
    advance(cast, proposed, S.PUBLISHED)
    page = client.get(proposed.get_absolute_url()).content.decode()
    assert services.EDITORIAL_DISCLAIMER in page
    assert services.IP_NOTICE in page
    assert "Download PDF" in page


# Withdrawal ------------------------------------------------------------------------------------


def test_withdrawal_keeps_the_url_with_a_notice(client, cast, proposed):
    advance(cast, proposed, S.PUBLISHED)
    url = reverse("thematic_groups:deliverable_withdraw", args=[proposed.slug])
    client.force_login(cast.leader_x)
    assert client.post(url, {"note": "Superseded"}).status_code == 403
    client.force_login(cast.secretariat)
    response = client.post(url, {"note": ""})
    assert response.status_code == 400
    assert client.post(url, {"note": "Superseded by the 2021 edition."}).status_code == 302
    client.logout()
    page = client.get(proposed.get_absolute_url())
    assert page.status_code == 200
    assert "This deliverable has been withdrawn" in page.content.decode()
    assert "Superseded by the 2021 edition." in page.content.decode()
    assert client.get(reverse("thematic_groups:deliverable_pdf", args=[proposed.slug])).status_code == 404


def test_service_refuses_publication_by_the_chair(cast, proposed):
    advance(cast, proposed, S.EDITORIAL_REVIEW)
    with pytest.raises(RuleDenied):
        services.deliverable_publish(by=cast.chair, deliverable=proposed)

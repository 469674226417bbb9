"""The workplan (ToR 10): inputs by Partners, Leaders and the IP Leader; compiled by the
Secretariat; reviewed by the Management Team; presented; agreed; a page, a CSV and a PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from kernel.lifecycle import DomainError
from kernel.reasons import said
from tests.thematic_groups.conftest import make_annual_meeting
from thematic_groups import services
from thematic_groups.models import Workplan, WorkplanInput, WorkplanItem
from thematic_groups.selectors import workplan_items

pytestmark = pytest.mark.django_db
W = Workplan.Status


def action(workplan, name):
    return reverse("thematic_groups:workplan_action", args=[workplan.pk, name])


@pytest.fixture
def workplan(cast):
    return services.workplan_create(by=cast.secretariat, title="U4SSC Annual Work Plan", period="2020-2021")


def compiled(cast, workplan):
    d = cast.draft_x
    d.starts_on, d.final_draft_due, d.publication_due = (
        dt.date(2021, 1, 1),
        dt.date(2021, 4, 1),
        dt.date(2021, 6, 30),
    )
    d.save()
    services.workplan_item_add(by=cast.secretariat, workplan=workplan, deliverable=d)
    services.workplan_item_add(
        by=cast.secretariat,
        workplan=workplan,
        kind=WorkplanItem.Kind.EVENT,
        title="Sixth U4SSC meeting",
        owner="Secretariat",
        starts_on=dt.date(2021, 10, 1),
        ends_on=dt.date(2021, 10, 1),
    )
    return workplan


def agreed(cast, workplan):
    compiled(cast, workplan)
    services.workplan_submit_for_review(by=cast.secretariat, workplan=workplan)
    services.workplan_review(by=cast.chair, workplan=workplan, note="Fine")
    services.workplan_record_presented(
        by=cast.secretariat, workplan=workplan, meeting=make_annual_meeting(days_ago=0)
    )
    return services.workplan_record_agreed(
        by=cast.secretariat, workplan=workplan, note="Agreed at the meeting"
    )


def test_secretariat_opens_a_workplan_others_cannot(client, cast):
    url = reverse("thematic_groups:workplan_create")
    client.force_login(cast.chair)
    assert client.post(url, {"title": "Plan", "period": "2021"}).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(url, {"title": "Plan", "period": "2021"}).status_code == 302
    assert Workplan.objects.get().status == W.COMPILING


@pytest.mark.parametrize("who", ["focal_a", "leader_x", "ip_leader"])
def test_partners_leaders_and_the_ip_leader_give_inputs(client, cast, workplan, who):
    client.force_login(getattr(cast, who))
    assert client.post(action(workplan, "input"), {"text": "Add a KPI study."}).status_code == 302
    given = WorkplanInput.objects.get()
    assert given.author == getattr(cast, who) and given.capacity


@pytest.mark.parametrize("who,status", [("participant", 404), ("team_x", 404), ("chair", 403)])
def test_others_cannot_give_inputs(client, cast, workplan, who, status):
    client.force_login(getattr(cast, who))
    assert client.post(action(workplan, "input"), {"text": "Hello"}).status_code == status
    assert not WorkplanInput.objects.exists()


def test_only_the_secretariat_compiles_items(client, cast, workplan):
    data = {"kind": "deliverable", "deliverable": cast.draft_x.pk}
    client.force_login(cast.leader_x)
    assert client.post(action(workplan, "item"), data).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(action(workplan, "item"), data).status_code == 302
    item = WorkplanItem.objects.get()
    assert item.title == cast.draft_x.title and item.owner == "Leader, City Platforms"
    response = client.post(action(workplan, "item"), {"kind": "activity", "title": "", "owner": "x"})
    assert response.status_code == 400 and "An item has a title." in response.content.decode()


def test_the_workplan_moves_through_its_stages_each_by_its_role(client, cast, workplan):
    compiled(cast, workplan)
    client.force_login(cast.focal_a)
    assert client.post(action(workplan, "submit")).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(action(workplan, "submit")).status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == W.MT_REVIEW and workplan.compiled_on == timezone.localdate()
    # Inputs are closed once it went to the MT.
    with pytest.raises(DomainError, match="no longer takes inputs"):
        services.workplan_input_add(by=cast.focal_a, workplan=workplan, text="Late")
    # The Management Team reviews; others cannot.
    for who in ("secretariat", "focal_a", "leader_x"):
        client.force_login(getattr(cast, who))
        assert client.post(action(workplan, "review"), {"decision": "approve"}).status_code == 403
    meeting = make_annual_meeting(days_ago=0)
    client.force_login(cast.secretariat)
    response = client.post(action(workplan, "presented"), {"meeting": meeting.pk})
    assert response.status_code == 400 and "has not reviewed" in response.content.decode()
    client.force_login(cast.vice_chair)
    assert client.post(action(workplan, "review"), {"decision": "approve", "note": "Good"}).status_code == 302
    workplan.refresh_from_db()
    assert workplan.reviewed_on == timezone.localdate()
    # Presented at the annual meeting and agreed, recorded by the Secretariat only.
    client.force_login(cast.chair)
    assert client.post(action(workplan, "presented"), {"meeting": meeting.pk}).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(action(workplan, "presented"), {"meeting": meeting.pk}).status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == W.PRESENTED and workplan.presented_on == meeting.held_on
    client.force_login(cast.focal_a)
    assert client.post(action(workplan, "agreed"), {"note": "By the Partners"}).status_code == 403
    client.force_login(cast.secretariat)
    assert client.post(action(workplan, "agreed"), {"note": "By the Partners"}).status_code == 302
    workplan.refresh_from_db()
    assert workplan.status == W.AGREED and workplan.agreed_on == timezone.localdate()
    reasons = [said(r) for r in workplan.history.values_list("history_change_reason", flat=True)]
    assert "Agreed by the Partners" in reasons and "Sent to the Management Team" in reasons


def test_management_team_can_send_it_back_with_a_note(cast, workplan):
    compiled(cast, workplan)
    services.workplan_submit_for_review(by=cast.secretariat, workplan=workplan)
    with pytest.raises(DomainError, match="Say what should change"):
        services.workplan_review(by=cast.chair, workplan=workplan, approve=False)
    services.workplan_review(by=cast.chair, workplan=workplan, approve=False, note="Add the Index work.")
    workplan.refresh_from_db()
    assert workplan.status == W.COMPILING and workplan.review_note == "Add the Index work."


def test_workplan_in_preparation_is_hidden_from_the_public(client, cast, workplan):
    url = reverse("thematic_groups:workplan_detail", args=[workplan.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("thematic_groups:workplan_csv", args=[workplan.pk])).status_code == 404
    client.force_login(cast.participant)
    assert client.get(url).status_code == 404
    client.force_login(cast.focal_a)
    assert client.get(url).status_code == 200


def test_agreed_workplan_is_a_public_page_and_a_csv(client, cast, workplan):
    agreed(cast, workplan)
    page = client.get(reverse("thematic_groups:workplan_detail", args=[workplan.pk])).content.decode()
    assert "Agreed by the Partners" in page and cast.draft_x.title in page and "Sixth U4SSC meeting" in page
    assert "Add a KPI" not in page  # inputs stay with those who prepared it
    assert cast.draft_x.get_absolute_url() not in page  # no link to an unpublished deliverable
    response = client.get(reverse("thematic_groups:workplan_csv", args=[workplan.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["No.", "Kind", "Title", "Thematic Group", "Owner"]
    assert rows[1][2] == cast.draft_x.title and rows[1][4] == "Leader, City Platforms"
    assert rows[1][5:9] == ["2021-01-01", "2021-06-30", "2021-04-01", "2021-06-30"]
    assert rows[2][1:3] == ["Event", "Sixth U4SSC meeting"]
    list_page = client.get(reverse("thematic_groups:workplan_list")).content.decode()
    assert "U4SSC Annual Work Plan" in list_page


def test_items_freeze_once_the_workplan_leaves_compilation(cast, workplan):
    compiled(cast, workplan)
    services.workplan_submit_for_review(by=cast.secretariat, workplan=workplan)
    with pytest.raises(DomainError, match="only while the workplan is being compiled"):
        services.workplan_item_add(by=cast.secretariat, workplan=workplan, title="More", kind="activity")


def test_workplan_items_gives_annex_2_rows_in_constant_queries(cast, workplan, django_assert_max_num_queries):
    compiled(cast, workplan)
    with django_assert_max_num_queries(1):
        rows = workplan_items(workplan)
    assert [r.title for r in rows] == [cast.draft_x.title, "Sixth U4SSC meeting"]
    assert rows[0].final_draft_due == dt.date(2021, 4, 1) and rows[0].group == "City Platforms"


def test_an_adopted_workplan_decision_records_the_agreement(cast, workplan):
    from governance.models import Decision

    compiled(cast, workplan)
    services.workplan_submit_for_review(by=cast.secretariat, workplan=workplan)
    services.workplan_review(by=cast.chair, workplan=workplan)
    services.workplan_record_presented(by=cast.secretariat, workplan=workplan)
    decision = Decision.objects.create(
        kind=Decision.Kind.WORKPLAN,
        question="Agree the workplan?",
        workplan=workplan,
        status=Decision.Status.CLOSED,
        result=Decision.Result.ADOPTED,
        closed_at=timezone.now(),
    )
    services.workplan_record_agreed(workplan=workplan, decision=decision)
    workplan.refresh_from_db()
    assert workplan.status == W.AGREED and f"#{decision.pk}" in workplan.agreed_note


@pytest.mark.pango
def test_agreed_workplan_pdf_lists_items_with_owner_and_timeline(client, cast, workplan):
    from pypdf import PdfReader

    agreed(cast, workplan)
    response = client.get(reverse("thematic_groups:workplan_pdf", args=[workplan.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Annex 2" in text and "Sixth U4SSC meeting" in text and "Secretariat" in text
    workplan.refresh_from_db()
    assert workplan.pdf  # cached: an agreed workplan no longer changes

"""What may happen now to a deliverable, a call for experts and a workplan: the lifecycle's
state × the rulebook (`LIFECYCLE.available(record, person)`), and the pages render that answer."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kernel.reasons import said
from thematic_groups import services
from thematic_groups.models import CALL_LIFECYCLE, DELIVERABLE_LIFECYCLE, WORKPLAN_LIFECYCLE, Deliverable

S = Deliverable.Status


def names(lifecycle, record, person) -> set[str]:
    return {a.name for a in lifecycle.available(record, person)}


def test_a_draft_offers_the_leader_the_drafting_work_and_the_secretariat_its_own(cast):
    d = cast.draft_x  # drafting
    assert names(DELIVERABLE_LIFECYCLE, d, cast.leader_x) == {
        "final_draft",
        "edit_text",
        "upload",
        "comment",
        "open_call",
        "manage_team",
        "sign_up",  # the rulebook lets every participant sign up; the page offers it to outsiders only
    }
    assert names(DELIVERABLE_LIFECYCLE, d, cast.secretariat) == {
        "final_draft",  # the Secretariat assists the Leader (ToR 20b)
        "comment",  # as ITU's focal point
        "withdraw",
        "edit_text",
        "upload",
        "manage_team",
        "vet",
        "sign_up",
    }


def test_a_draft_offers_others_only_what_their_role_allows(cast):
    d = cast.draft_x
    assert names(DELIVERABLE_LIFECYCLE, d, cast.focal_a) == {"comment", "sign_up"}
    assert names(DELIVERABLE_LIFECYCLE, d, cast.team_x) == {"upload", "comment", "sign_up"}
    assert names(DELIVERABLE_LIFECYCLE, d, cast.leader_y) == {"sign_up"}  # another group's Leader
    assert names(DELIVERABLE_LIFECYCLE, d, cast.chair) == {"vet", "sign_up"}
    assert names(DELIVERABLE_LIFECYCLE, d, None) == set()


def test_the_state_takes_away_what_the_role_would_allow(cast):
    published = cast.published_x
    assert names(DELIVERABLE_LIFECYCLE, published, cast.leader_x) == set()
    assert names(DELIVERABLE_LIFECYCLE, published, cast.secretariat) == {"withdraw", "vet"}
    assert not DELIVERABLE_LIFECYCLE.available(published, cast.secretariat).publish


def test_editorial_review_moves_the_text_to_the_secretariat(cast):
    from tests.thematic_groups.conftest import advance

    d = advance(cast, cast.draft_x, S.EDITORIAL_REVIEW)
    secretariat = DELIVERABLE_LIFECYCLE.available(d, cast.secretariat)
    assert secretariat.publish and secretariat.edit_text
    assert secretariat.edit_text.rule == "deliverable.editorial_review"
    assert names(DELIVERABLE_LIFECYCLE, d, cast.leader_x) == {"upload", "manage_team"}


def test_the_deliverable_page_renders_the_buttons_from_the_answer(client, cast):
    client.force_login(cast.leader_x)
    page = client.get(cast.draft_x.get_absolute_url()).content.decode()
    assert "Mark the latest version as final draft" in page
    assert "Publish</button>" not in page
    assert "Sign up to contribute" not in page  # already working on it
    client.force_login(cast.focal_a)
    page = client.get(cast.draft_x.get_absolute_url()).content.decode()
    assert "Add the comment" in page
    assert "Mark the latest version as final draft" not in page


def test_a_refused_state_is_a_clear_message_from_the_table(client, cast):
    client.force_login(cast.secretariat)
    response = client.get(
        reverse("thematic_groups:deliverable_text", args=[cast.published_x.slug]), follow=True
    )
    assert "The text of a published deliverable cannot change." in response.content.decode()


def _call(cast):
    return services.call_open(
        by=cast.leader_x,
        deliverable=cast.draft_x,
        title="Experts on platforms",
        description="We need experts.",
        closes_on=timezone.localdate() + dt.timedelta(days=20),
    )


def test_a_call_is_closed_by_its_leader_while_open_and_by_nobody_after(cast):
    call = _call(cast)
    assert names(CALL_LIFECYCLE, call, cast.leader_x) == {"close"}
    assert names(CALL_LIFECYCLE, call, cast.secretariat) == set()
    assert names(CALL_LIFECYCLE, call, cast.leader_y) == set()
    call = services.call_close(by=cast.leader_x, call=call)
    assert said(call.history.first().history_change_reason) == "Call closed"
    assert names(CALL_LIFECYCLE, call, cast.leader_x) == set()


def test_the_workplan_offers_each_stage_to_its_role(cast):
    w = services.workplan_create(by=cast.secretariat, title="Workplan 2027", period="2027")
    assert {"compile", "submit"} <= names(WORKPLAN_LIFECYCLE, w, cast.secretariat)
    assert names(WORKPLAN_LIFECYCLE, w, cast.focal_a) == {"input"}
    assert names(WORKPLAN_LIFECYCLE, w, cast.chair) == set()

    services.workplan_item_add(by=cast.secretariat, workplan=w, title="Annual meeting", kind="event")
    w = services.workplan_submit_for_review(by=cast.secretariat, workplan=w)
    assert names(WORKPLAN_LIFECYCLE, w, cast.chair) == {"review"}
    assert names(WORKPLAN_LIFECYCLE, w, cast.focal_a) == set()
    # Presenting needs the Management Team's review first: a fact of the record, not only its state.
    assert "present" not in names(WORKPLAN_LIFECYCLE, w, cast.secretariat)
    w = services.workplan_review(by=cast.chair, workplan=w, note="Fine.")
    assert "present" in names(WORKPLAN_LIFECYCLE, w, cast.secretariat)
    assert "present" not in names(WORKPLAN_LIFECYCLE, w, cast.chair)


def test_a_transition_records_who_and_why(cast):
    d = services.deliverable_return_to_drafting
    from tests.thematic_groups.conftest import advance

    deliverable = advance(cast, cast.draft_x, S.FINAL_DRAFT)
    deliverable = d(by=cast.leader_x, deliverable=deliverable)
    last = deliverable.history.first()
    assert (last.status, said(last.history_change_reason), last.history_user) == (
        S.DRAFTING,
        "Returned to drafting",
        cast.leader_x,
    )

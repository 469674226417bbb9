"""Deliverables, teams and the workplan in the admin move only through thematic_groups.services."""

from __future__ import annotations

import pytest

from governance.rulebook import can
from kernel.reasons import said
from tests.admin.conftest import admin_url, change_form_data, messages_of, post_action
from tests.thematic_groups.conftest import pdf_bytes, upload
from thematic_groups import services
from thematic_groups.models import Deliverable, TeamMember, Workplan

pytestmark = pytest.mark.django_db
S = Deliverable.Status


def in_editorial_review(cast) -> Deliverable:
    deliverable = cast.draft_x
    services.draft_upload(by=cast.leader_x, deliverable=deliverable, file=upload("final.pdf", pdf_bytes()))
    services.deliverable_mark_final_draft(by=cast.leader_x, deliverable=deliverable)
    services.deliverable_update_text(
        by=cast.leader_x, deliverable=deliverable, summary="A summary.", body="The published text."
    )
    return services.deliverable_start_editorial_review(by=cast.secretariat, deliverable=deliverable)


def test_a_deliverable_cannot_be_published_by_editing_its_status(client, cast):
    client.force_login(cast.secretariat)
    url = admin_url(Deliverable, "change", cast.draft_x.pk)
    data = change_form_data(client, url, status="published", published_on="2025-01-06", title_en="New title")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    deliverable = Deliverable.objects.get(pk=cast.draft_x.pk)
    assert deliverable.title == "New title"  # an ordinary field changes, with who did it
    assert deliverable.status == S.DRAFTING and deliverable.published_on is None
    assert said(deliverable.history.first().history_change_reason) == "Edited in the admin by secretariat"


def test_the_web_text_changes_through_its_service(client, cast):
    client.force_login(cast.secretariat)
    url = admin_url(Deliverable, "change", cast.draft_x.pk)
    response = client.post(url, change_form_data(client, url, summary_en="Short.", body="Long text."))
    assert response.status_code == 302
    deliverable = Deliverable.objects.get(pk=cast.draft_x.pk)
    assert (deliverable.summary, deliverable.body) == ("Short.", "Long text.")
    assert said(deliverable.history.first().history_change_reason) == "Text edited"


def test_the_text_of_a_published_deliverable_is_read_only(client, cast):
    client.force_login(cast.secretariat)
    url = admin_url(Deliverable, "change", cast.published_x.pk)
    before = Deliverable.objects.get(pk=cast.published_x.pk).body
    client.post(url, change_form_data(client, url, body="Rewritten after publication."))
    assert Deliverable.objects.get(pk=cast.published_x.pk).body == before


def test_the_publish_action_publishes_a_deliverable_in_editorial_review(client, cast):
    deliverable = in_editorial_review(cast)
    client.force_login(cast.secretariat)
    response = post_action(client, Deliverable, "publish", [deliverable.pk])
    assert ("success", "1 deliverables published.") in messages_of(response)
    deliverable.refresh_from_db()
    assert deliverable.status == S.PUBLISHED and deliverable.published_on is not None
    assert deliverable.edition == 1
    assert said(deliverable.history.first().history_change_reason) == "Published"


def test_the_publish_action_refuses_a_deliverable_still_in_drafting(client, cast):
    deliverable = cast.draft_x
    history = deliverable.history.count()
    client.force_login(cast.secretariat)
    response = post_action(client, Deliverable, "publish", [deliverable.pk])
    assert messages_of(response) == [
        ("error", f"{deliverable}: A deliverable cannot go from “Drafting” to “Published”.")
    ]
    deliverable.refresh_from_db()
    assert deliverable.status == S.DRAFTING and deliverable.published_on is None
    assert deliverable.history.count() == history


def test_withdrawing_needs_the_note_written_in_the_action_bar(client, cast):
    client.force_login(cast.secretariat)
    response = post_action(client, Deliverable, "withdraw", [cast.draft_y.pk], note="")
    assert messages_of(response) == [
        ("error", f"{cast.draft_y}: Say why the deliverable is withdrawn: the note is shown on its page.")
    ]
    assert Deliverable.objects.get(pk=cast.draft_y.pk).status == S.DRAFTING
    post_action(client, Deliverable, "withdraw", [cast.draft_y.pk], note="Merged into the index study.")
    deliverable = Deliverable.objects.get(pk=cast.draft_y.pk)
    assert deliverable.status == S.WITHDRAWN and deliverable.withdrawal_note == "Merged into the index study."


def test_deliverables_are_proposed_by_leaders_not_added_in_the_admin(client, cast):
    client.force_login(cast.secretariat)
    assert client.get(admin_url(Deliverable, "add")).status_code == 403


def test_adding_a_team_member_in_the_admin_grants_the_team_permission(client, cast):
    person = cast.participant
    assert not can(person, "unpublished.view", cast.draft_y)
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(TeamMember, "add"),
        {"deliverable": cast.draft_y.pk, "person": person.pk, "role": "author"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member = TeamMember.objects.get(deliverable=cast.draft_y, person=person)
    assert member.role == "author"
    assert said(member.history.first().history_change_reason) == "Joined the team"
    person = type(person).objects.get(pk=person.pk)
    assert can(person, "unpublished.view", cast.draft_y)


def test_removing_a_team_member_in_the_admin_revokes_the_team_permission(client, cast):
    member = services.team_member_add(deliverable=cast.draft_y, person=cast.participant)
    client.force_login(cast.secretariat)
    response = post_action(client, TeamMember, "remove_from_team", [member.pk])
    assert ("success", "1 people removed from their teams.") in messages_of(response)
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert said(TeamMember.history.filter(id=member.pk).first().history_change_reason) == "Left the team"
    person = type(cast.participant).objects.get(pk=cast.participant.pk)
    assert not can(person, "unpublished.view", cast.draft_y)


def test_a_team_member_twice_is_refused_with_the_reason(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(TeamMember, "add"),
        {"deliverable": cast.draft_x.pk, "person": cast.team_x.pk, "role": "contributor"},
    )
    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == ["Team member with this Deliverable and Person already exists."]
    assert TeamMember.objects.filter(deliverable=cast.draft_x).count() == 1


def test_the_team_of_a_published_deliverable_is_closed(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(TeamMember, "add"),
        {"deliverable": cast.published_x.pk, "person": cast.participant.pk, "role": "contributor"},
        follow=True,
    )
    assert ("error", "The team of a published or withdrawn deliverable is closed.") in messages_of(response)
    assert not TeamMember.objects.filter(deliverable=cast.published_x).exists()


def test_a_workplan_added_in_the_admin_goes_through_the_service_and_moves_by_actions(client, cast):
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(Workplan, "add"),
        {"title": "Workplan 2026", "period": "2026", "status": "agreed"},
        follow=True,
    )
    assert response.redirect_chain, response.content.decode()[:3000]
    workplan = Workplan.objects.get(title="Workplan 2026")
    assert workplan.status == Workplan.Status.COMPILING
    assert said(workplan.history.first().history_change_reason) == "Workplan opened for inputs"

    response = post_action(client, Workplan, "submit_for_review", [workplan.pk])
    assert messages_of(response) == [
        ("error", "Workplan 2026: Compile at least one item before sending the workplan for review.")
    ]
    services.workplan_item_add(by=cast.secretariat, workplan=workplan, deliverable=cast.draft_x)
    post_action(client, Workplan, "submit_for_review", [workplan.pk])
    workplan.refresh_from_db()
    assert workplan.status == Workplan.Status.MT_REVIEW and workplan.compiled_on is not None

    url = admin_url(Workplan, "change", workplan.pk)
    client.post(url, change_form_data(client, url, status="agreed", agreed_on="2026-01-01"), follow=True)
    workplan.refresh_from_db()
    assert workplan.status == Workplan.Status.MT_REVIEW and workplan.agreed_on is None

    response = post_action(client, Workplan, "record_agreed", [workplan.pk], note="At the meeting.")
    assert messages_of(response) == [
        (
            "error",
            "Workplan 2026: A workplan cannot go from “Management Team review” to “Agreed by the Partners”.",
        )
    ]


@pytest.fixture
def application(cast):
    import datetime as dt

    from django.utils import timezone

    call = services.call_open(
        by=cast.leader_x,
        deliverable=cast.draft_x,
        title="Experts on urban data",
        description="Three experts",
        closes_on=timezone.localdate() + dt.timedelta(days=10),
    )
    return services.expert_apply(by=cast.participant, call=call, motivation="Ten years of urban data work.")


def test_accepting_an_expert_in_the_admin_puts_them_on_the_team(client, cast, application):
    from thematic_groups.models import ExpertApplication

    client.force_login(cast.secretariat)
    response = post_action(client, ExpertApplication, "accept", [application.pk])
    assert ("success", "1 applications accepted.") in messages_of(response)
    application.refresh_from_db()
    assert (application.status, application.vetted_by) == ("accepted", cast.secretariat)
    assert TeamMember.objects.filter(deliverable=cast.draft_x, person=cast.participant).exists()
    expert = type(cast.participant).objects.get(pk=cast.participant.pk)  # roles as of now
    assert can(expert, "unpublished.view", cast.draft_x)  # the team reads its draft
    response = post_action(client, ExpertApplication, "decline", [application.pk])
    assert messages_of(response) == [("error", f"{application}: This application has already been vetted.")]


def test_an_applications_status_cannot_be_typed_in_the_admin(client, cast, application):
    from thematic_groups.models import ExpertApplication

    client.force_login(cast.secretariat)
    url = admin_url(ExpertApplication, "change", application.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    client.post(url, {"status": "accepted", "_save": "Save"})
    application.refresh_from_db()
    assert application.status == "pending"
    assert not TeamMember.objects.filter(deliverable=cast.draft_x, person=cast.participant).exists()
    assert client.get(admin_url(ExpertApplication, "add")).status_code == 403

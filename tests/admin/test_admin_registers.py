"""Logo use (ToR 36, Annex I), Hubs (ToR 30), the ToR versions and people in the admin."""

from __future__ import annotations

import pytest

from governance import services
from governance.models import Clause, Hub, LogoUseRequest, ToRVersion
from governance.rulebook import RuleDenied
from kernel.reasons import said
from people.models import Person
from tests.admin.conftest import admin_url, change_form_data, messages_of, post_action
from tests.decisions.conftest import make_tor_version

pytestmark = pytest.mark.django_db


def logo_request(person, organisation="City of Porto") -> LogoUseRequest:
    return LogoUseRequest.objects.create(requester=person, organisation=organisation, purpose="Conference")


# Logo use ---------------------------------------------------------------------------------


def test_the_secretariat_approves_logo_use_by_action(client, cast):
    request = logo_request(cast.participant)
    client.force_login(cast.secretariat)
    response = post_action(client, LogoUseRequest, "approve", [request.pk])
    assert ("success", "1 logo uses approved.") in messages_of(response)
    request.refresh_from_db()
    assert request.status == LogoUseRequest.Status.APPROVED
    assert request.decided_by == cast.secretariat and request.decided_on is not None
    assert said(request.history.first().history_change_reason) == "Logo use approved"


def test_the_ip_leader_needs_the_written_agreement(client, cast):
    request = logo_request(cast.ip_leader, organisation="U4SSC-IP")
    client.force_login(cast.secretariat)
    response = post_action(client, LogoUseRequest, "approve", [request.pk])
    [(level, text)] = messages_of(response)
    assert level == "error" and "prior written agreement (Annex I)" in text
    request.refresh_from_db()
    assert request.status == LogoUseRequest.Status.PENDING and request.history.count() == 1

    post_action(client, LogoUseRequest, "approve_with_written_agreement", [request.pk])
    request.refresh_from_db()
    assert request.status == LogoUseRequest.Status.APPROVED and request.written_agreement
    assert said(request.history.first().history_change_reason) == "Logo use approved with written agreement"


def test_a_decided_logo_request_is_not_decided_again_nor_edited(client, cast):
    request = logo_request(cast.participant)
    client.force_login(cast.secretariat)
    post_action(client, LogoUseRequest, "refuse", [request.pk])
    request.refresh_from_db()
    assert request.status == LogoUseRequest.Status.REFUSED
    response = post_action(client, LogoUseRequest, "approve", [request.pk])
    assert messages_of(response) == [
        ("warning", f"Left as they were: {request} — This request was already decided (now: refused).")
    ]
    response = client.post(admin_url(LogoUseRequest, "change", request.pk), {"status": "approved"})
    assert response.status_code == 403
    assert LogoUseRequest.objects.get(pk=request.pk).status == LogoUseRequest.Status.REFUSED


def test_logo_approval_is_the_secretariats(cast):
    request = logo_request(cast.participant)
    with pytest.raises(RuleDenied):
        services.logo_use_approve(by=cast.chair, logo_request=request)
    request.refresh_from_db()
    assert request.status == LogoUseRequest.Status.PENDING


# Hubs ---------------------------------------------------------------------------------------


def test_a_hub_cannot_be_approved_by_editing_its_status(client, cast):
    hub = Hub.objects.create(name="Hub of Porto", country="Portugal", partner=cast.partner_a)
    client.force_login(cast.secretariat)
    url = admin_url(Hub, "change", hub.pk)
    page = client.get(url).content.decode()
    assert "/decisions/new/?kind=hub_approval" in page  # the way to the Partners Board
    client.post(url, change_form_data(client, url, status="approved", approved_on="2025-01-06"))
    hub.refresh_from_db()
    assert hub.status == Hub.Status.REQUESTED and hub.approved_on is None


def test_only_an_approved_hub_is_closed(client, cast):
    hub = Hub.objects.create(name="Hub of Porto", country="Portugal", partner=cast.partner_a)
    client.force_login(cast.secretariat)
    response = post_action(client, Hub, "close", [hub.pk])
    assert messages_of(response) == [
        (
            "warning",
            "Left as they were: Hub of Porto — Only an approved Hub is recorded as closed (this one: requested).",
        )
    ]
    Hub.objects.filter(pk=hub.pk).update(status=Hub.Status.APPROVED)
    post_action(client, Hub, "close", [hub.pk])
    hub.refresh_from_db()
    assert hub.status == Hub.Status.CLOSED and said(hub.history.first().history_change_reason) == "Hub closed"


def test_a_hub_typed_in_the_admin_is_a_request_told_like_the_portals(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 16: the admin created Hubs directly, skipping hub_request. Now it is the same request:
    requested (never approved here), its history, and the Secretariat and the Partner's focal points
    told (DESIGN.md)."""
    client.force_login(cast.secretariat)
    url = admin_url(Hub, "add")
    data = change_form_data(
        client,
        url,
        name="Hub of Braga",
        country="Portugal",
        partner=str(cast.partner_a.pk),
        status="approved",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    hub = Hub.objects.get(name="Hub of Braga")
    assert hub.status == Hub.Status.REQUESTED and hub.contact == cast.secretariat
    assert said(hub.history.last().history_change_reason) == "Hub requested, to work with WMO"
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [cast.focal_a.email, cast.focal_a2.email, cast.secretariat.email]
    )
    to_partner = next(m for m in mailoutbox if cast.focal_a.email in m.to)
    assert to_partner.body.startswith("Dear focal points of WMO,") and "/admin/" not in to_partner.body


def test_a_hub_typed_in_the_admin_with_a_former_partner_is_refused(client, cast):
    from django.utils import timezone

    from governance.services import partner_leave

    partner_leave(by=cast.secretariat, partner=cast.partner_b, left_on=timezone.localdate())
    client.force_login(cast.secretariat)
    url = admin_url(Hub, "add")
    data = change_form_data(
        client, url, name="Hub of Faro", country="Portugal", partner=str(cast.partner_b.pk)
    )
    response = client.post(url, data, follow=True)
    assert not Hub.objects.filter(name="Hub of Faro").exists()
    assert messages_of(response) == [
        ("error", "A Hub works with one of the current U4SSC Partners (ToR 30): choose one.")
    ]


# ToR versions --------------------------------------------------------------------------------


def test_a_draft_added_in_the_admin_is_a_copy_of_the_version_in_force(client, cast):
    in_force = make_tor_version()
    client.force_login(cast.secretariat)
    response = client.post(
        admin_url(ToRVersion, "add"), {"summary_en": "Clarify the workplan.", "status": "in_force"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = ToRVersion.objects.get(number=2)
    assert draft.status == ToRVersion.Status.DRAFT and draft.based_on == in_force
    assert draft.clauses.count() == in_force.clauses.count()
    assert said(draft.history.first().history_change_reason) == "Draft revision of version 1"


def test_the_version_in_force_and_its_clauses_are_read_only(client, cast):
    """Read only but for their versions in other languages (issue 13, tests/i18n): what is posted
    for the English text or the status is ignored."""
    in_force = make_tor_version()
    clause = in_force.clauses.get(key="2")
    client.force_login(cast.secretariat)
    assert client.get(admin_url(ToRVersion, "change", in_force.pk)).status_code == 200
    url = admin_url(ToRVersion, "change", in_force.pk)
    response = client.post(url, change_form_data(client, url, title_en="Changed", status="draft"))
    assert response.status_code == 302
    url = admin_url(Clause, "change", clause.pk)
    response = client.post(url, change_form_data(client, url, text_en="Rewritten.", section_en="A"))
    assert response.status_code == 302
    in_force.refresh_from_db()
    clause.refresh_from_db()
    assert in_force.status == ToRVersion.Status.IN_FORCE and in_force.title == "Terms of Reference"
    assert clause.text == "The U4SSC Initiative was launched on 18 May 2016."


def test_a_draft_clause_is_edited_through_the_clause_service(client, cast):
    make_tor_version()
    draft = services.tor_revision_create(by=cast.secretariat)
    clause = draft.clauses.get(key="2")
    client.force_login(cast.secretariat)
    url = admin_url(Clause, "change", clause.pk)
    response = client.post(
        url, change_form_data(client, url, text_en="The Initiative began on 18 May 2016.", key="99")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    clause.refresh_from_db()
    assert clause.text == "The Initiative began on 18 May 2016." and clause.key == "2"
    assert said(clause.history.first().history_change_reason) == "Clause edited"
    response = client.post(url, change_form_data(client, url, text_en="  "), follow=True)
    assert ("error", "A clause needs text; to remove it, delete the clause.") in messages_of(response)
    assert Clause.objects.get(pk=clause.pk).text == "The Initiative began on 18 May 2016."


def test_drafts_are_withdrawn_by_action(client, cast):
    in_force = make_tor_version()
    draft = services.tor_revision_create(by=cast.secretariat)
    client.force_login(cast.secretariat)
    response = post_action(client, ToRVersion, "withdraw", [draft.pk, in_force.pk])
    shown = messages_of(response)
    assert ("success", "1 drafts withdrawn.") in shown
    assert (
        "warning",
        f"Left as they were: {in_force} — Only a draft not yet on the ballot is withdrawn (this version: in force).",
    ) in shown
    draft.refresh_from_db()
    in_force.refresh_from_db()
    assert draft.status == ToRVersion.Status.WITHDRAWN and in_force.status == ToRVersion.Status.IN_FORCE


# People ---------------------------------------------------------------------------------------


def test_anonymising_needs_the_confirmation_then_goes_through_the_service(client, cast):
    person = cast.participant
    client.force_login(cast.secretariat)
    response = post_action(client, Person, "anonymise", [person.pk])
    assert messages_of(response)[0][0] == "error"
    assert Person.objects.get(pk=person.pk).first_name == "Participant"

    response = post_action(client, Person, "anonymise", [person.pk], confirm_anonymise="on")
    assert ("success", "1 anonymised.") in messages_of(response)
    person = Person.objects.get(pk=person.pk)
    assert person.is_former and not person.is_active and "participant" not in person.email


def test_a_person_cannot_be_reactivated_by_ticking_is_active(client, cast):
    person = cast.participant
    client.force_login(cast.secretariat)
    post_action(client, Person, "deactivate_accounts", [person.pk])
    url = admin_url(Person, "change", person.pk)
    client.post(url, change_form_data(client, url, is_active="on"))
    assert not Person.objects.get(pk=person.pk).is_active


# Lists ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [2, 50])
def test_the_lists_with_actions_load_in_bounded_queries(client, cast, rows, django_assert_max_num_queries):
    from governance.models import Decision
    from meetings.models import Meeting, Registration

    meeting = Meeting.objects.create(
        kind=Meeting.Kind.ANNUAL, title="Eighth meeting", slug="eighth", starts_at="2030-05-01T09:00:00Z"
    )
    people = [cast.participant, cast.focal_a, cast.ip_leader]
    LogoUseRequest.objects.bulk_create(
        LogoUseRequest(requester=people[i % 3], organisation=f"City {i}", purpose="p") for i in range(rows)
    )
    Hub.objects.bulk_create(
        Hub(name=f"Hub {i}", country="Portugal", partner=[cast.partner_a, cast.partner_b][i % 2])
        for i in range(rows)
    )
    Decision.objects.bulk_create(Decision(question=f"Question {i}?") for i in range(rows))
    Registration.objects.bulk_create(
        Registration(meeting=meeting, name=f"P {i}", email=f"p{i}@example.org", organisation="City")
        for i in range(rows)
    )
    client.force_login(cast.secretariat)
    for model in (LogoUseRequest, Hub, Decision, Registration, ToRVersion, Person):
        with django_assert_max_num_queries(15):
            assert client.get(admin_url(model, "changelist")).status_code == 200

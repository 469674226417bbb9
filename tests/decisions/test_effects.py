"""What an adopted decision changes, and that a rejected one changes nothing."""

import pytest
from django.utils import timezone

from governance import services
from governance.models import Decision, Hub, Mandate, ToRVersion
from governance.rulebook import principal_for
from kernel.reasons import said
from tests.cast import make_deliverable
from tests.decisions.conftest import close_at_deadline, in_days
from thematic_groups.models import Deliverable


def put_to_ballot(cast, draft, rule=Decision.Rule.SIMPLE_MAJORITY):
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.TOR_REVISION,
        question=f"Do the Partners approve version {draft.number}?",
        rule=rule,
        deadline=in_days(7),
        tor_version=draft,
    )


def vote_all(cast, decision, choice):
    for partner, person in [
        (cast.partner_a, cast.focal_a),
        (cast.partner_b, cast.focal_b),
        (cast.itu, cast.secretariat),
    ]:
        services.ballot_cast(decision=decision, partner=partner, by=person, choice=choice)


def test_adopted_tor_revision_becomes_the_version_in_force(cast, tor_v1, draft):
    services.clause_edit(
        by=cast.secretariat, clause=draft.clauses.get(key="3"), text="Meetings are open to all."
    )
    decision = put_to_ballot(cast, draft)
    vote_all(cast, decision, "yes")
    closed = close_at_deadline(decision)
    assert closed.result == Decision.Result.ADOPTED
    draft.refresh_from_db()
    tor_v1.refresh_from_db()
    assert draft.status == ToRVersion.Status.IN_FORCE
    assert draft.adopted_by_decision == closed
    assert draft.adopted_on == timezone.localdate(closed.closed_at)
    assert tor_v1.status == ToRVersion.Status.SUPERSEDED
    assert ToRVersion.objects.filter(status=ToRVersion.Status.IN_FORCE).count() == 1
    assert said(draft.history.first().history_change_reason) == f"Adopted by decision {closed.pk}"


def test_rejected_tor_revision_changes_nothing_in_force(cast, tor_v1, draft):
    decision = put_to_ballot(cast, draft)
    vote_all(cast, decision, "no")
    assert close_at_deadline(decision).result == Decision.Result.REJECTED
    tor_v1.refresh_from_db()
    draft.refresh_from_db()
    assert tor_v1.status == ToRVersion.Status.IN_FORCE
    assert draft.status == ToRVersion.Status.REJECTED and draft.adopted_on is None


def test_a_tor_draft_cannot_be_put_to_two_ballots(cast, draft):
    put_to_ballot(cast, draft)
    with pytest.raises(Exception, match="already open|cannot go from"):
        put_to_ballot(cast, draft)
    assert Decision.objects.count() == 1


def appointment(cast, role="vice_chair"):
    nomination = services.nomination_create(
        by=cast.focal_b, partner=cast.partner_b, role=role, nominee=cast.participant
    )
    kind = Decision.Kind.VICE_CHAIR_APPOINTMENT if role == "vice_chair" else Decision.Kind.CHAIR_APPOINTMENT
    return services.decision_open(
        by=cast.secretariat,
        kind=kind,
        question=f"Appoint {cast.participant} as {role}?",
        rule=Decision.Rule.CONSENSUS,
        deadline=in_days(7),
        nomination=nomination,
    )


def test_adopted_appointment_creates_the_mandate_and_its_powers(cast):
    decision = appointment(cast)
    vote_all(cast, decision, "yes")
    closed = close_at_deadline(decision)
    mandate = Mandate.objects.get(person=cast.participant)
    assert (mandate.role, mandate.decided_by, mandate.decision) == ("vice_chair", "electronic", closed)
    assert mandate.is_active(timezone.localdate(closed.closed_at))
    cast.participant.refresh_from_db()
    assert principal_for(cast.participant, on=mandate.starts_on).vice_chair


def test_rejected_appointment_creates_no_mandate(cast):
    decision = appointment(cast)
    services.ballot_cast(decision=decision, partner=cast.partner_a, by=cast.focal_a, choice="no")
    assert close_at_deadline(decision).result == Decision.Result.REJECTED
    assert not Mandate.objects.filter(person=cast.participant).exists()


def test_nomination_must_match_the_role_put_to_the_ballot(cast):
    nomination = services.nomination_create(
        by=cast.focal_b, partner=cast.partner_b, role="chair", nominee=cast.participant
    )
    with pytest.raises(Exception, match="is for Chair"):
        services.decision_open(
            by=cast.secretariat,
            kind=Decision.Kind.VICE_CHAIR_APPOINTMENT,
            question="?",
            deadline=in_days(7),
            nomination=nomination,
        )


def hub_decision(cast):
    hub = Hub.objects.create(
        name="U4SSC Hub Valencia", country="Spain", city="Valencia", partner=cast.partner_a
    )
    decision = services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.HUB_APPROVAL,
        question="Approve the Valencia Hub?",
        rule=Decision.Rule.SILENCE,
        deadline=in_days(7),
        hub=hub,
    )
    return hub, decision


def test_adopted_hub_approval_approves_the_hub(cast):
    hub, decision = hub_decision(cast)
    closed = close_at_deadline(decision)  # silence: no objection
    hub.refresh_from_db()
    assert hub.status == Hub.Status.APPROVED and hub.approved_on == timezone.localdate(closed.closed_at)


def test_rejected_hub_approval_rejects_the_hub(cast):
    """Issue 16: a Hub whose ballot was rejected stayed 'requested' for ever."""
    hub, decision = hub_decision(cast)
    services.ballot_cast(decision=decision, partner=cast.partner_b, by=cast.focal_b, choice="object")
    close_at_deadline(decision)
    hub.refresh_from_db()
    assert hub.status == Hub.Status.REJECTED and hub.approved_on is None
    assert said(hub.history.first().history_change_reason) == f"Rejected by decision {decision.pk}"


def deliverable_decision(cast):
    deliverable = make_deliverable(cast.group_x, "new-study", status=Deliverable.Status.PROPOSED)
    decision = services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.DELIVERABLE_APPROVAL,
        question="Approve the new study?",
        deadline=in_days(7),
        deliverable=deliverable,
    )
    return deliverable, decision


def test_adopted_deliverable_approval_moves_the_deliverable_on(cast):
    deliverable, decision = deliverable_decision(cast)
    vote_all(cast, decision, "yes")
    close_at_deadline(decision)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.APPROVED


def test_rejected_deliverable_approval_leaves_it_proposed(cast):
    deliverable, decision = deliverable_decision(cast)
    vote_all(cast, decision, "no")
    close_at_deadline(decision)
    deliverable.refresh_from_db()
    assert deliverable.status == Deliverable.Status.PROPOSED


def test_only_one_tor_revision_on_the_ballot_at_a_time(cast, draft):
    other = services.tor_revision_create(by=cast.secretariat, summary="Another one")
    put_to_ballot(cast, draft)
    with pytest.raises(Exception, match="Another ToR revision is on the ballot"):
        put_to_ballot(cast, other)
    other.refresh_from_db()
    assert other.status == ToRVersion.Status.DRAFT


def presented_workplan(cast):
    from thematic_groups import services as tg

    workplan = tg.workplan_create(by=cast.secretariat, title="U4SSC Annual Work Plan", period="2020-2021")
    tg.workplan_item_add(
        by=cast.secretariat, workplan=workplan, title="City Platforms report", owner="Leader"
    )
    tg.workplan_submit_for_review(by=cast.secretariat, workplan=workplan)
    tg.workplan_review(by=cast.chair, workplan=workplan)
    return tg.workplan_record_presented(by=cast.secretariat, workplan=workplan)


def workplan_decision(cast, workplan):
    return services.decision_open(
        by=cast.secretariat,
        kind=Decision.Kind.WORKPLAN,
        question="Do the Partners agree the Work Plan 2020-2021?",
        deadline=in_days(7),
        workplan=workplan,
    )


def test_adopted_workplan_decision_records_the_partners_agreement(cast):
    from thematic_groups.models import Workplan

    workplan = presented_workplan(cast)
    decision = workplan_decision(cast, workplan)
    vote_all(cast, decision, "yes")
    closed = close_at_deadline(decision)
    workplan.refresh_from_db()
    assert closed.result == Decision.Result.ADOPTED
    assert workplan.status == Workplan.Status.AGREED
    assert workplan.agreed_on == timezone.localdate(closed.closed_at)


def test_rejected_workplan_decision_leaves_it_presented(cast):
    from thematic_groups.models import Workplan

    workplan = presented_workplan(cast)
    decision = workplan_decision(cast, workplan)
    vote_all(cast, decision, "no")
    assert close_at_deadline(decision).result == Decision.Result.REJECTED
    workplan.refresh_from_db()
    assert workplan.status == Workplan.Status.PRESENTED and workplan.agreed_on is None


def test_a_workplan_still_compiling_cannot_go_to_the_partners(cast):
    from kernel.lifecycle import DomainError
    from thematic_groups import services as tg

    workplan = tg.workplan_create(by=cast.secretariat, title="Draft plan", period="2021-2022")
    with pytest.raises(DomainError, match="once it has been presented"):
        workplan_decision(cast, workplan)
    assert not Decision.objects.exists()
